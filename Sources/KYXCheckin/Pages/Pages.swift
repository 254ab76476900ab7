/// The HTML of every page: plain HTML/CSS/JS in Swift string constants, no CDN, Chinese UI text as
/// the original, dark theme by default with a light toggle (localStorage `theme`).
enum Pages {
    /// `<head>` with the shared style sheet and the theme bootstrap.
    static func head(_ title: String) -> String {
        #"<!doctype html><html lang="zh-CN" data-theme="dark"><head><meta charset="utf-8">"#
            + #"<meta name="viewport" content="width=device-width,initial-scale=1"><title>"# + title + "</title><style>"
            + style + "</style><script>" + themeScript + "</script></head>"
    }

    /// Reads the stored theme before the first paint and defines `toggleTheme()`, `toast()` and `api()`.
    static let themeScript = #"""
        (function(){var t=localStorage.getItem('theme')||'dark';document.documentElement.dataset.theme=t;})();
        function toggleTheme(){var d=document.documentElement;var t=d.dataset.theme==='dark'?'light':'dark';
          d.dataset.theme=t;localStorage.setItem('theme',t);var b=document.getElementById('themeBtn');if(b)b.textContent=t==='dark'?'🌙':'☀️';}
        function toast(msg,type){var box=document.getElementById('toasts');if(!box){box=document.createElement('div');box.id='toasts';document.body.appendChild(box);}
          var el=document.createElement('div');el.className='toast '+(type||'info');el.textContent=msg;box.appendChild(el);setTimeout(function(){el.remove();},3000);}
        async function api(path,opts){opts=opts||{};opts.credentials='same-origin';opts.headers=opts.headers||{};
          if(opts.json!==undefined){opts.method=opts.method||'POST';opts.headers['Content-Type']='application/json';opts.body=JSON.stringify(opts.json);}
          var r=await fetch(path,opts);var data={};try{data=await r.json();}catch(e){}data.__status=r.status;return data;}
        function esc(s){return String(s==null?'':s).replace(/[&<>"']/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c];});}
        function money(v){return '$'+Number(v||0).toFixed(2);}
        """#

    /// The shared style sheet (monochrome, responsive, dark and light).
    static let style = #"""
        :root{--bg:#0b0b0c;--card:#17171a;--fg:#f2f2f2;--muted:#9a9aa0;--line:#2a2a2f;--accent:#ffffff;--accent-fg:#000;}
        [data-theme=light]{--bg:#f6f6f7;--card:#fff;--fg:#111;--muted:#666;--line:#e3e3e6;--accent:#111;--accent-fg:#fff;}
        *{box-sizing:border-box}body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:var(--bg);color:var(--fg)}
        .nav{display:flex;align-items:center;gap:12px;padding:12px 20px;border-bottom:1px solid var(--line);background:var(--card)}
        .nav .brand{font-weight:700;flex:1}.avatar{width:32px;height:32px;border-radius:50%;background:var(--line)}
        .wrap{max-width:1080px;margin:0 auto;padding:20px}
        .card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:20px;margin-bottom:16px}
        .center{min-height:100vh;display:flex;align-items:center;justify-content:center}
        button,.btn{background:var(--accent);color:var(--accent-fg);border:0;border-radius:8px;padding:10px 16px;cursor:pointer;font-size:14px}
        button.ghost{background:transparent;color:var(--fg);border:1px solid var(--line)}button:disabled{opacity:.5;cursor:default}
        input,select{background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:8px;padding:9px 12px;font-size:14px}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
        .stat{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px}
        .stat .v{font-size:26px;font-weight:700}.stat .k{color:var(--muted);font-size:13px;margin-top:4px}
        .muted{color:var(--muted)}.mono{font-family:ui-monospace,Menlo,monospace}
        .row{display:flex;align-items:center;gap:10px;flex-wrap:wrap}.between{justify-content:space-between}
        .item{display:flex;justify-content:space-between;align-items:center;padding:10px 0;border-bottom:1px solid var(--line)}
        table{width:100%;border-collapse:collapse;font-size:13px}th,td{text-align:left;padding:8px;border-bottom:1px solid var(--line)}
        .tabs{display:flex;gap:6px;flex-wrap:wrap;margin-bottom:16px}.tabs button{background:transparent;color:var(--fg);border:1px solid var(--line)}
        .tabs button.on{background:var(--accent);color:var(--accent-fg)}
        .badge{padding:2px 8px;border-radius:10px;border:1px solid var(--line);font-size:12px}
        #toasts{position:fixed;top:16px;right:16px;display:flex;flex-direction:column;gap:8px;z-index:99}
        .toast{padding:10px 16px;border-radius:8px;background:var(--card);border:1px solid var(--line);box-shadow:0 4px 16px rgba(0,0,0,.3)}
        .toast.success{border-left:4px solid #3c3}.toast.error{border-left:4px solid #e44}.toast.warning{border-left:4px solid #eb3}
        .modal{position:fixed;inset:0;background:rgba(0,0,0,.6);display:none;align-items:center;justify-content:center;z-index:50}
        .modal.show{display:flex}.modal .card{width:min(420px,92vw)}
        svg text{fill:var(--muted);font-size:11px}svg .bar{fill:var(--fg)}.chartbox{width:100%;overflow:hidden}
        .chart .val{fill:var(--fg)}.chart .grid{stroke:var(--line)}.chart .axis{stroke:var(--muted)}.chart .empty{font-size:13px}
        """#
}
