extension Pages {
    /// `GET /login`: Linux.Do login (or the development identity provider when it is on).
    static let login =
        head("欢迎使用 KYX 签到系统")
            + #"""
            <body><div style="position:fixed;top:16px;right:16px" class="row"><button class="ghost" id="themeBtn" onclick="toggleTheme()">🌙</button>
            <button class="ghost" onclick="location.href='/admin'">管理员登录</button></div>
            <div class="center"><div class="card" style="width:min(400px,92vw);text-align:center">
            <h1>KYX 公益 签到系统</h1><p class="muted">每日签到 · 领取兑换码</p>
            <button id="loginBtn" style="width:100%" onclick="login()">使用 Linux Do 账号登录</button>
            <p class="muted" style="font-size:13px">使用 Linux Do 账号安全登录</p><p id="err" class="muted"></p></div></div>
            <script>
            (async function(){var u=await api('/api/user');if(u.success)location.href='/';
              var e=new URLSearchParams(location.search).get('error');if(e)document.getElementById('err').textContent=e;})();
            async function login(){var b=document.getElementById('loginBtn');b.disabled=true;b.textContent='登录中...';
              try{var r=await api('/api/auth/login');if(r.success&&r.authUrl){location.href=r.authUrl;return;}toast('获取登录链接失败','error');}
              catch(e){toast('网络错误，请稍后重试','error');}b.disabled=false;b.textContent='使用 Linux Do 账号登录';}
            </script></body></html>
            """#

    /// `GET /dev/login`: the development identity provider (only with `DEV_LOGIN_ENABLED = "true"`).
    static let devLogin =
        head("开发登录 - KYX 签到系统")
            + #"""
            <body><div class="center"><form class="card" method="post" action="/dev/login" style="width:min(400px,92vw)">
            <h2>⚠️ 开发登录</h2><p class="muted">仅用于本地开发：输入任意用户名即可登录。</p>
            <input name="username" placeholder="用户名" maxlength="32" required style="width:100%;margin-bottom:12px" autofocus>
            <button type="submit" style="width:100%">登录</button></form></div></body></html>
            """#
}
