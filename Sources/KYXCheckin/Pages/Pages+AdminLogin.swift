extension Pages {
    /// `GET /admin/login`: the admin login form.
    static let adminLogin =
        head("管理员登录 - KYX 签到系统")
            + #"""
            <body><div class="center"><form class="card" style="width:min(380px,92vw)" onsubmit="login(event)">
            <h2>⚙️ 管理后台</h2><input id="u" placeholder="用户名" autocomplete="username" style="width:100%;margin-bottom:10px">
            <input id="p" type="password" placeholder="密码" autocomplete="current-password" style="width:100%;margin-bottom:12px">
            <button type="submit" style="width:100%">登录</button><p id="msg" class="muted"></p></form></div>
            <script>
            async function login(e){e.preventDefault();var u=document.getElementById('u').value.trim(),p=document.getElementById('p').value;
              var m=document.getElementById('msg');if(!u||!p){m.textContent='请输入用户名和密码';return;}
              try{var r=await api('/api/admin/login',{json:{username:u,password:p}});if(r.success){location.href='/admin';return;}m.textContent=r.message||'登录失败，请稍后重试';}
              catch(err){m.textContent='登录失败，请稍后重试';}}
            </script></body></html>
            """#
}
