extension Pages {
    /// `GET /admin`: the admin single-page app (dashboard with SVG charts, codes, users, check-ins,
    /// pending, rewards, logs).
    static let adminApp =
        head("管理后台 - KYX 签到系统")
            + #"""
            <body><div class="nav"><div class="brand">⚙️ KYX 管理后台</div><button class="ghost" id="themeBtn" onclick="toggleTheme()">🌙</button>
            <button class="ghost" onclick="logout()">登出</button></div><div class="wrap">
            <div class="tabs" id="tabs"></div><div id="view"></div></div>
            <script>
            """# + chartScript + #"""
            var TABS=[['dash','📊 仪表盘'],['codes','🎫 兑换码'],['users','👥 用户'],['checkins','📅 签到'],['pending','⏳ 待分配'],['rewards','🎁 奖励配置'],['logs','📜 日志']];
            var current='dash';
            function tabs(){document.getElementById('tabs').innerHTML=TABS.map(function(t){return '<button data-tab="'+t[0]+'" class="'+(t[0]===current?'on':'')+'" onclick="show(\''+t[0]+'\')">'+t[1]+'</button>';}).join('');}
            function show(t){current=t;tabs();({dash:dash,codes:codes,users:users,checkins:checkins,pending:pending,rewards:rewards,logs:logs})[t]();}
            function V(html){document.getElementById('view').innerHTML=html;}
            function fail(r){if(r.__status===401){location.href='/admin/login';return true;}if(!r.success){toast(r.message||'操作失败','error');return true;}return false;}
            function table(cols,rows){return '<div style="overflow:auto"><table><tr>'+cols.map(function(c){return '<th>'+c[0]+'</th>';}).join('')+'</tr>'+
              rows.map(function(r){return '<tr>'+cols.map(function(c){return '<td>'+c[1](r)+'</td>';}).join('')+'</tr>';}).join('')+'</table></div>';}
            function stat(k,v){return '<div class="stat"><div class="v">'+v+'</div><div class="k">'+k+'</div></div>';}
            async function dash(){var r=await api('/api/admin/stats');if(fail(r))return;var s=r.stats;
              var c=await api('/api/admin/charts'),m=await api('/api/admin/metrics');var mm=m.metrics||{cache:{},d1:{},routes:{},business:{}};
              var rate=s.total?(s.distributed/s.total*100).toFixed(1)+'%':'0%';
              var fam=Object.keys(mm.cache).map(function(k){return {k:k,v:mm.cache[k].hitRate*100};});
              var routes=Object.keys(mm.routes).map(function(k){return {k:k,v:mm.routes[k].avgMs};}).sort(function(a,b){return b.v-a.v;}).slice(0,15);
              V('<div class="grid">'+stat('总兑换码数',s.total)+stat('未发放',s.undistributed)+stat('已发放',s.distributed)+stat('发放率',rate)+stat('总用户数',s.total_users)+
                stat('总签到次数',s.total_checkins)+stat('活跃用户(30天)',s.active_users)+stat('活跃天数(30天)',s.active_days)+stat('待分配',s.pending)+stat('今日签到',s.today_checkins)+'</div>'+
                '<div class="card" style="margin-top:16px"><h3>近30天签到</h3>'+chart('ch-days',columnChart('checkins','近30天签到',c.checkinsPerDay||[],function(d){return String(d.date).slice(5);},function(d){return d.count;}))+'</div>'+
                '<div class="card"><h3>库存（按面额，可用）</h3>'+chart('ch-inv',barChart('inventory','库存（按面额）',c.inventory||[],function(d){return money(d.amount);},function(d){return d.available;},abbr))+'</div>'+
                '<div class="card"><h3>缓存命中率（按类型）</h3>'+chart('ch-hit',barChart('hitrate','缓存命中率',fam,function(d){return d.k;},function(d){return d.v;},function(v){return v.toFixed(1)+'%';},100))+
                table([['类型',function(f){return esc(f.k);}],['命中',function(f){return mm.cache[f.k].hits;}],['未命中',function(f){return mm.cache[f.k].misses;}],['错误',function(f){return mm.cache[f.k].errors;}],['命中率',function(f){return f.v.toFixed(1)+'%';}]],fam)+
                '<p class="muted">D1 查询：执行 '+mm.d1.executed+' · 节省 '+mm.d1.avoided+' ｜ 日活 '+mm.business.dailyActiveUsers+' · 签到完成率 '+((mm.business.checkinCompletionRate||0)*100).toFixed(1)+'%</p>'+
                '<div class="row"><button onclick="warm()">🔥 预热缓存</button><select id="fam">'+Object.keys(mm.cache).map(function(k){return '<option>'+k+'</option>';}).join('')+'</select><button class="ghost" onclick="purge()">🧹 清除缓存</button><button class="ghost" onclick="dash()">🔄 刷新统计</button></div></div>'+
                '<div class="card"><h3>接口响应时间（平均 ms）</h3>'+chart('ch-routes',barChart('routes','接口响应时间',routes,function(d){return d.k;},function(d){return d.v;},function(v){return (v<10?v.toFixed(1):abbr(v))+' ms';}))+table([['接口',function(k){return esc(k);}],['次数',function(k){return mm.routes[k].count;}],['平均(ms)',function(k){return mm.routes[k].avgMs.toFixed(1);}],['P95(ms)',function(k){return mm.routes[k].p95Ms.toFixed(1);}]],Object.keys(mm.routes))+'</div>');drawCharts();}
            async function warm(){var r=await api('/api/admin/cache/warmup',{method:'POST'});if(!fail(r))toast(r.message,'success');}
            async function purge(){var r=await api('/api/admin/cache/purge',{json:{family:document.getElementById('fam').value}});if(!fail(r))toast(r.message+'：'+r.removed,'success');}
            async function codes(q){var r=await api(q?'/api/admin/codes/search?q='+encodeURIComponent(q):'/api/admin/codes?limit=50');if(fail(r))return;var inv=await api('/api/admin/inventory');
              V('<div class="card"><h3>📤 上传兑换码</h3><div class="row"><input type="file" id="file" accept=".txt,text/plain"><input id="amt" placeholder="金额 ($)" value="10.00" style="width:120px"><button id="uploadBtn" onclick="upload()">上传</button>'+
                '<button class="ghost" onclick="gen()">🎫 生成兑换码</button></div><p class="muted">每行一个，或用逗号、分号、空格分隔；格式 A-Z a-z 0-9 _ -，6–32 位。</p></div>'+
                '<div class="card"><h3>库存</h3>'+table([['面额',function(i){return money(i.amount);}],['可用',function(i){return i.available;}],['已发放',function(i){return i.distributed;}],['总数',function(i){return i.total;}]],inv.inventory||[])+'</div>'+
                '<div class="card"><h3>批量发放</h3><div class="row"><select id="dtype"><option value="all">全部用户</option><option value="selected">指定用户</option></select><input id="dusers" placeholder="用户ID，逗号分隔"><input id="damt" placeholder="面额（可选）" style="width:120px"><button onclick="distribute()">发放</button></div></div>'+
                '<div class="card"><div class="row"><input id="q" placeholder="搜索兑换码..." value="'+esc(q||'')+'"><button class="ghost" onclick="codes(document.getElementById(\'q\').value)">搜索</button></div>'+
                table([['兑换码',function(c){return '<span class="mono">'+esc(c.code)+'</span>';}],['金额',function(c){return money(c.amount);}],['状态',function(c){return '<span class="badge">'+(c.is_distributed?'已发放':'未发放')+'</span>';}],
                  ['领取人',function(c){return esc(c.distributed_to_username||'-');}],['创建时间',function(c){return esc((c.created_at||'').slice(0,10));}],['操作',function(c){return c.is_distributed?'':'<button class="ghost" onclick="del('+c.id+')">删除</button>';}]],r.codes)+'</div>');}
            async function upload(){var f=document.getElementById('file').files[0];if(!f){toast('请选择文件','warning');return;}var fd=new FormData();fd.append('file',f);fd.append('amount',document.getElementById('amt').value);
              var r=await api('/api/admin/codes/import',{method:'POST',body:fd});if(fail(r))return;var x=r.result;toast('导入完成：有效 '+x.validCodes+'，重复 '+x.duplicateCodes+'，无效 '+x.invalidCodes,'success');codes();}
            async function gen(){var n=prompt('请输入要生成的兑换码数量 (1-1000):','10');if(!n)return;var a=prompt('请输入兑换码金额 ($):','10.00');if(!a)return;
              var r=await api('/api/admin/codes/generate',{json:{count:parseInt(n,10),amount:parseFloat(a)}});if(!fail(r)){toast(r.message,'success');codes();}}
            async function del(id){if(!confirm('确定删除该兑换码？'))return;var r=await api('/api/admin/codes/delete',{json:{codeId:id}});if(!fail(r)){toast(r.message,'success');codes();}}
            async function distribute(){var t=document.getElementById('dtype').value;var ids=document.getElementById('dusers').value.split(/[,\s]+/).filter(Boolean).map(Number);var a=document.getElementById('damt').value;
              var body={type:t,userIds:ids};if(a)body.amount=parseFloat(a);if(!confirm('确认批量发放？'))return;var r=await api('/api/admin/distribute',{json:body});if(!fail(r)){toast(r.message+'：'+r.result.distributed,'success');codes();}}
            async function users(q){var r=await api(q?'/api/admin/users/search?q='+encodeURIComponent(q):'/api/admin/users?limit=50');if(fail(r))return;
              V('<div class="card"><div class="row"><input id="uq" placeholder="搜索用户名或ID" value="'+esc(q||'')+'"><button class="ghost" onclick="users(document.getElementById(\'uq\').value)">搜索</button></div>'+
                table([['用户名',function(u){return esc(u.username);}],['Linux Do ID',function(u){return esc(u.linux_do_id||'-');}],['签到次数',function(u){return u.total_checkins;}],['连续',function(u){return u.consecutive_checkins;}],
                  ['兑换码数量',function(u){return u.code_count;}],['累计金额',function(u){return money(u.total_amount);}],['注册时间',function(u){return esc((u.created_at||'').slice(0,10));}],['操作',function(u){return '<button class="ghost" onclick="userDetail('+u.id+')">查看</button>';}]],r.users)+'</div><div id="detail"></div>');}
            async function userDetail(id){var r=await api('/api/admin/users/'+id);if(fail(r))return;document.getElementById('detail').innerHTML='<div class="card"><h3>'+esc(r.user.username)+'</h3>'+
              table([['日期',function(c){return esc(c.check_in_date);}],['兑换码',function(c){return '<span class="mono">'+esc(c.redemption_code||'-')+'</span>';}],['奖励',function(c){return money(c.total_amount);}],['连续',function(c){return c.consecutive_days;}],['状态',function(c){return c.status==='completed'?'已完成':'待分配';}]],r.checkins)+'</div>';}
            async function checkins(){var st=(document.getElementById('cst')||{}).value||'',f=(document.getElementById('cfrom')||{}).value||'',t=(document.getElementById('cto')||{}).value||'';
              var r=await api('/api/admin/checkins?limit=100&status='+st+'&date_from='+f+'&date_to='+t);if(fail(r))return;
              V('<div class="card"><div class="row"><select id="cst"><option value="">全部状态</option><option value="completed"'+(st==='completed'?' selected':'')+'>已完成</option><option value="pending_distribution"'+(st==='pending_distribution'?' selected':'')+'>待分配</option></select>'+
                '<input type="date" id="cfrom" value="'+esc(f)+'"><input type="date" id="cto" value="'+esc(t)+'"><button class="ghost" onclick="checkins()">筛选</button><span class="muted">共 '+r.pagination.total+' 条</span></div>'+
                table([['用户',function(c){return esc(c.username);}],['签到日期',function(c){return esc(c.check_in_date);}],['兑换码',function(c){return '<span class="mono">'+esc(c.redemption_code||'-')+'</span>';}],['奖励',function(c){return money(c.total_amount);}],
                  ['状态',function(c){return c.status==='completed'?'已完成':'待分配';}],['签到时间',function(c){return esc(c.check_in_time);}]],r.checkins)+'</div>');}
            async function pending(){var r=await api('/api/admin/pending');if(fail(r))return;
              V('<div class="card"><div class="row between"><h3 id="pendingTitle">待分配签到（'+r.total+'）</h3><button id="resolveBtn" onclick="resolve()">一键补发</button></div>'+
                table([['用户',function(p){return esc(p.username);}],['签到日期',function(p){return esc(p.check_in_date);}],['应得奖励',function(p){return money(p.reward_amount);}],['连续',function(p){return p.consecutive_days;}]],r.pending)+'</div>');}
            async function resolve(){var r=await api('/api/admin/pending/resolve',{method:'POST'});if(!fail(r)){toast(r.message,'success');pending();}}
            async function rewards(){var r=await api('/api/admin/rewards');if(fail(r))return;
              V('<div class="card"><h3>签到奖励配置</h3>'+table([['类型',function(x){return x.reward_type==='base'?'基础':'连续';}],['条件(天)',function(x){return x.condition_value;}],['金额',function(x){return money(x.amount);}],['说明',function(x){return esc(x.description||'');}],['启用',function(x){return x.is_active?'是':'否';}]],r.rewards)+
                '<div class="row" style="margin-top:12px"><select id="rt"><option value="base">基础</option><option value="consecutive">连续</option></select><input id="rc" placeholder="连续天数" style="width:100px"><input id="ra" placeholder="金额 ($)" style="width:100px"><input id="rd" placeholder="说明"><button onclick="saveReward()">保存</button></div></div>'+
                '<div class="card"><h3>排名奖励</h3><div class="row"><input id="tn" placeholder="前N名" value="10" style="width:90px"><input id="ta" placeholder="金额 ($)" value="50" style="width:100px"><button onclick="rankReward()">发放排名奖励</button></div><div id="rankResult"></div></div>');}
            async function saveReward(){var r=await api('/api/admin/rewards',{json:{reward_type:document.getElementById('rt').value,condition_value:parseInt(document.getElementById('rc').value||'0',10),amount:parseFloat(document.getElementById('ra').value),description:document.getElementById('rd').value||null}});
              if(!fail(r)){toast(r.message,'success');rewards();}}
            async function rankReward(){if(!confirm('确认发放排名奖励？'))return;var r=await api('/api/admin/ranking',{json:{topN:parseInt(document.getElementById('tn').value,10),amount:parseFloat(document.getElementById('ta').value)}});if(fail(r))return;
              toast(r.message,'success');document.getElementById('rankResult').innerHTML=table([['排名',function(u){return u.rank;}],['用户',function(u){return esc(u.username);}],['兑换码',function(u){return '<span class="mono">'+esc(u.code)+'</span>';}],['金额',function(u){return money(u.amount);}]],r.result.users);}
            async function logs(){var o=await api('/api/admin/logs/operations?limit=100');if(fail(o))return;var d=await api('/api/admin/logs/distributions?limit=100');
              V('<div class="card"><h3>操作日志</h3>'+table([['时间',function(l){return esc(l.created_at);}],['管理员',function(l){return esc(l.operator_name||l.operator_id);}],['类型',function(l){return esc(l.operation_type);}],['详情',function(l){return esc(l.operation_detail);}]],o.logs)+'</div>'+
                '<div class="card"><h3>发放日志</h3>'+table([['时间',function(l){return esc(l.created_at);}],['管理员',function(l){return esc(l.admin_name||l.admin_id);}],['类型',function(l){return esc(l.operation_type);}],['成功',function(l){return l.codes_distributed;}],['失败',function(l){return l.codes_failed;}],['备注',function(l){return esc(l.notes||'');}]],(d.logs||[]))+'</div>');}
            async function logout(){await api('/api/admin/logout',{method:'POST'});location.href='/admin/login';}
            document.getElementById('themeBtn').textContent=document.documentElement.dataset.theme==='dark'?'🌙':'☀️';show('dash');
            </script></body></html>
            """#
}
