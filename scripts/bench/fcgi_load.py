#!/usr/bin/env python3
"""Sends N FastCGI requests, one connection each (nginx's keep-conn off), to a unix socket.

   fcgi_load.py SOCKET N [PATH]

Each request carries the parameters nginx's Debian `fastcgi_params` sends for a GET with a dozen
browser headers, so a responder parses what it parses behind nginx. Used by scripts/profile.sh to
count a responder's instructions per request under callgrind; exits non-zero on any non-200.
"""
import socket
import struct
import sys


def record(kind, content):
    return struct.pack(">BBHHBx", 1, kind, 1, len(content), 0) + content


def name_value(name, value):
    def length(n):
        return bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)
    return length(len(name)) + length(len(value)) + name + value


def params(path):
    uri = path
    query = path.split("?", 1)[1] if "?" in path else ""
    pairs = {
        "QUERY_STRING": query, "REQUEST_METHOD": "GET", "CONTENT_TYPE": "", "CONTENT_LENGTH": "",
        "SCRIPT_NAME": path.split("?")[0], "REQUEST_URI": uri, "DOCUMENT_URI": path.split("?")[0],
        "DOCUMENT_ROOT": "/usr/share/nginx/html", "SERVER_PROTOCOL": "HTTP/1.1", "REQUEST_SCHEME": "http",
        "GATEWAY_INTERFACE": "CGI/1.1", "SERVER_SOFTWARE": "nginx/1.22.1", "REMOTE_ADDR": "127.0.0.1",
        "REMOTE_PORT": "51234", "SERVER_ADDR": "127.0.0.1", "SERVER_PORT": "8080", "SERVER_NAME": "localhost",
        "REDIRECT_STATUS": "200", "HTTP_HOST": "127.0.0.1:8080", "HTTP_USER_AGENT": "wrk",
        "HTTP_ACCEPT": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.5", "HTTP_ACCEPT_ENCODING": "gzip, deflate",
        "HTTP_CONNECTION": "keep-alive",
    }
    body = b"".join(name_value(k.encode(), v.encode()) for k, v in pairs.items())
    return body


def one(sock_path, request):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock_path)
    s.sendall(request)
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
        if b"\x01\x03\x00\x01" in data:  # END_REQUEST for id 1
            break
    s.close()
    return data


def main():
    sock_path, count = sys.argv[1], int(sys.argv[2])
    path = sys.argv[3] if len(sys.argv) > 3 else "/"
    p = params(path)
    request = (record(1, struct.pack(">HB5x", 1, 0)) + record(4, p) + record(4, b"") + record(5, b""))
    for _ in range(count):
        data = one(sock_path, request)
        if b"Status: 200" not in data and b"Status:" in data:
            sys.exit(f"non-200 answer: {data[:200]!r}")


if __name__ == "__main__":
    main()
