extension Pages {
    /// `GET /`: the check-in card, six stat cards, recent codes with copy, the rankings and the code modal.
    /// Stats and codes show the answer of the latest request (a page-load read may answer after the
    /// check-in's reload).
    static let home =
        head("KYX 签到系统")
            + #"""
            <body><div class="nav"><div class="brand">📅 KYX 签到系统</div>
            <button class="ghost" id="themeBtn" onclick="toggleTheme()">🌙</button><img class="avatar" id="avatar" alt="">
            <div><div id="username">…</div><div class="muted" style="font-size:12px" id="trust"></div></div>
            <button class="ghost" onclick="logout()">退出</button></div>
            <div class="wrap">
            <div class="card"><h2>每日签到</h2><p class="muted" id="checkinHint">今日还未签到，点击下方按钮完成签到</p>
            <button id="checkinBtn" onclick="checkIn()">立即签到</button></div>
            <div class="grid" style="margin-bottom:16px">
            <div class="stat"><div class="v" id="s_totalDays">0</div><div class="k">总签到天数</div></div>
            <div class="stat"><div class="v" id="s_consecutiveDays">0</div><div class="k">连续签到天数</div></div>
            <div class="stat"><div class="v" id="s_maxConsecutiveDays">0</div><div class="k">最大连续天数</div></div>
            <div class="stat"><div class="v" id="s_monthlyDays">0</div><div class="k">本月签到</div></div>
            <div class="stat"><div class="v" id="s_codeCount">0</div><div class="k">兑换码数量</div></div>
            <div class="stat"><div class="v" id="s_totalAmount">$0.00</div><div class="k">累计金额</div></div></div>
            <div class="card"><h3>最近兑换码</h3><div id="codes" class="muted">暂无兑换码</div><div class="row" id="pages"></div></div>
            <div class="card"><div class="row between"><h3>排行榜</h3><div class="tabs" style="margin:0">
            <button id="rk_today" class="on" onclick="loadRanking('today')">早起榜</button>
            <button id="rk_streak" onclick="loadRanking('streak')">连续签到榜</button></div></div><div id="ranking" class="muted">暂无数据</div></div>
            </div>
            <div class="modal" id="codeModal"><div class="card"><h2 id="modalTitle">签到成功！</h2><div id="modalBonus" class="muted"></div>
            <input id="modalCode" class="mono" readonly style="width:100%;margin:12px 0"><p id="modalAmount"></p>
            <div class="row"><button id="modalCopy" onclick="copyModal()">复制兑换码</button><button class="ghost" onclick="closeModal()">关闭</button></div></div></div>
            <script>
            var modalKey=null;
            async function init(){var u=await api('/api/user');if(!u.success){location.href='/login';return;}
              document.getElementById('username').textContent=u.user.username;document.getElementById('trust').textContent='信任等级: '+(u.user.trust_level||0);
              if(u.user.avatar_url)document.getElementById('avatar').src=u.user.avatar_url;
              document.getElementById('themeBtn').textContent=document.documentElement.dataset.theme==='dark'?'🌙':'☀️';
              loadStatus();loadStats();loadCodes(1);loadRanking('today');}
            async function loadStatus(){var s=await api('/api/checkin/status');if(s.checkedIn)markDone();}
            function markDone(){var b=document.getElementById('checkinBtn');b.disabled=true;b.textContent='今日已签到';
              document.getElementById('checkinHint').textContent='今日签到已完成，明天再来吧！';}
            var statsSeq=0;async function loadStats(){var mine=++statsSeq;var r=await api('/api/stats');if(mine!==statsSeq||!r.success)return;var s=r.stats;
              ['totalDays','consecutiveDays','maxConsecutiveDays','monthlyDays','codeCount'].forEach(function(k){document.getElementById('s_'+k).textContent=s[k];});
              document.getElementById('s_totalAmount').textContent='$'+s.totalAmount;}
            var codesSeq=0;async function loadCodes(page){var mine=++codesSeq;var r=await api('/api/codes/recent?limit=5&page='+page);if(mine!==codesSeq)return;var box=document.getElementById('codes');
              if(!r.success||!r.codes.length){box.textContent='暂无兑换码';return;}
              box.innerHTML=r.codes.map(function(c){return '<div class="item"><div><div class="mono">'+esc(c.code)+'</div><div class="muted" style="font-size:12px">金额: '+money(c.amount)+' · '+esc((c.created_at||'').slice(0,10))+'</div></div><button class="ghost" data-code="'+esc(c.code)+'" onclick="copy(this.dataset.code)">复制</button></div>';}).join('');
              var p=document.getElementById('pages');p.innerHTML='';if(r.pagination.totalPages>1){for(var i=1;i<=r.pagination.totalPages;i++){var b=document.createElement('button');b.className=i===page?'':'ghost';b.textContent=i;b.onclick=(function(n){return function(){loadCodes(n);};})(i);p.appendChild(b);}}}
            async function loadRanking(type){document.getElementById('rk_today').className=type==='today'?'on':'';document.getElementById('rk_streak').className=type==='streak'?'on':'';
              var r=await api('/api/ranking?type='+type);var box=document.getElementById('ranking');if(!r.success||!r.ranking.length){box.textContent='暂无数据';return;}
              box.innerHTML=r.ranking.map(function(e){return '<div class="item"><div class="row"><b>#'+e.rank+'</b>'+(e.avatar_url?'<img class="avatar" src="'+esc(e.avatar_url)+'">':'')+esc(e.username)+'</div><div class="muted">'+(type==='today'?esc(new Date(e.time).toLocaleTimeString()):'连续 '+e.streak+' 天')+'</div></div>';}).join('');}
            async function checkIn(){var b=document.getElementById('checkinBtn');b.disabled=true;b.textContent='签到中...';
              var r=await api('/api/checkin',{method:'POST'});
              if(r.success&&r.status==='completed'){markDone();showModal(r);toast('签到成功！'+(r.bonusAmount>0?'连续签到'+r.consecutiveDays+'天，获得额外奖励！':''),'success');}
              else if(r.success&&r.status==='pending_distribution'){markDone();toast('签到成功！兑换码待管理员分配','warning');}
              else{toast(r.message||r.error||'签到失败','error');if(r.checkedIn)markDone();else{b.disabled=false;b.textContent='立即签到';}}
              loadStats();loadCodes(1);}
            function showModal(r){modalKey=r.redemptionCode;document.getElementById('modalTitle').textContent=r.bonusAmount>0?'签到成功！连续奖励！':'签到成功！';
              document.getElementById('modalBonus').textContent=r.bonusAmount>0?'连续 '+r.consecutiveDays+' 天 · 基础奖励 '+money(r.baseAmount)+' · 连续奖励 '+money(r.bonusAmount):'';
              document.getElementById('modalCode').value=r.redemptionCode;document.getElementById('modalAmount').textContent='金额：'+money(r.codeAmount);
              document.getElementById('codeModal').classList.add('show');api('/api/modal/display',{json:{type:'checkin',key:modalKey}});}
            function closeModal(){document.getElementById('codeModal').classList.remove('show');if(modalKey)api('/api/modal/dismiss',{json:{type:'checkin',key:modalKey}});modalKey=null;}
            function copyModal(){copy(document.getElementById('modalCode').value);closeModal();}
            function copy(text){(navigator.clipboard?navigator.clipboard.writeText(text):Promise.reject()).then(function(){toast('兑换码已复制','success');},function(){toast(text,'info');});}
            async function logout(){await fetch('/api/logout',{method:'POST',credentials:'same-origin'});location.href='/login';}
            document.addEventListener('keydown',function(e){if(e.key==='Escape')closeModal();});
            init();
            </script></body></html>
            """#
}
