/// The built-in copy of `nginx/dev.conf.template` (a test keeps the two identical).
enum NginxTemplate {
    static let builtIn = #"""
        # nginx config rendered by `outpost dev` and by the integration tests (Outpost's NginxConfig).
        # Placeholders are upper-case names in double braces. Runs without root: everything lives under the prefix directory.
        {{USER}}
        worker_processes 1;
        daemon off;
        pid {{PREFIX}}/nginx.pid;
        error_log {{PREFIX}}/error.log warn;

        events {
            worker_connections 1024;
        }

        http {
            access_log off;
            client_body_temp_path {{PREFIX}}/client_body;
            fastcgi_temp_path {{PREFIX}}/fastcgi_temp;
            proxy_temp_path {{PREFIX}}/proxy_temp;
            uwsgi_temp_path {{PREFIX}}/uwsgi_temp;
            scgi_temp_path {{PREFIX}}/scgi_temp;
            # Align with [outpost] max_body_bytes so nginx refuses oversized bodies before they travel.
            client_max_body_size {{MAX_BODY_BYTES}};
            keepalive_requests 10000;

            upstream outpost {
                server {{FASTCGI_ADDRESS}};
        {{UPSTREAM_KEEPALIVE}}
            }

            server {
                listen 127.0.0.1:{{PORT}};
                server_name localhost;

                location / {
                    fastcgi_pass outpost;
                    fastcgi_keep_conn {{KEEP_CONN}};
                    fastcgi_read_timeout 300s;
                    fastcgi_param QUERY_STRING $query_string;
                    fastcgi_param REQUEST_METHOD $request_method;
                    fastcgi_param CONTENT_TYPE $content_type;
                    fastcgi_param CONTENT_LENGTH $content_length;
                    fastcgi_param REQUEST_URI $request_uri;
                    fastcgi_param DOCUMENT_URI $document_uri;
                    fastcgi_param SERVER_PROTOCOL $server_protocol;
                    fastcgi_param REQUEST_SCHEME $scheme;
                    fastcgi_param HTTPS $https if_not_empty;
                    fastcgi_param REMOTE_ADDR $remote_addr;
                    fastcgi_param REMOTE_PORT $remote_port;
                    fastcgi_param SERVER_ADDR $server_addr;
                    fastcgi_param SERVER_PORT $server_port;
                    fastcgi_param SERVER_NAME $server_name;
                    # The client's Host header as sent (with its port); Debian's fastcgi_params sends $host.
                    fastcgi_param HTTP_HOST $http_host;
                    fastcgi_param SSL_PROTOCOL $ssl_protocol if_not_empty;
                    fastcgi_param SSL_CIPHER $ssl_cipher if_not_empty;
                    fastcgi_param TCPINFO_RTT $tcpinfo_rtt if_not_empty;
                }
            }
        }
        """#
}
