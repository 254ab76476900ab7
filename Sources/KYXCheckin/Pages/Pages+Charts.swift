extension Pages {
    /// The dashboard's SVG charts, drawn at the container's pixel width (redrawn on resize) so text
    /// keeps its size on a phone: `columnChart` (a value per day: y axis with abbreviated ticks, a date
    /// under every n-th column so none collide, the value on a column when it fits) and `barChart`
    /// (horizontal bars: the label on the left, cut with an ellipsis to its column, the value at the
    /// bar's end, a 0 / half / max axis). Every bar has its value on hover (`<title>`); every text is a
    /// `text.lbl` inside its `svg.chart`, which the browser tests check for overlaps.
    static let chartScript = #"""
        var CHARTS={};
        function drawCharts(){Object.keys(CHARTS).forEach(function(id){var el=document.getElementById(id);if(el)el.innerHTML=CHARTS[id](el);});}
        var chartTimer=null;window.addEventListener('resize',function(){clearTimeout(chartTimer);chartTimer=setTimeout(drawCharts,100);});
        function chart(id,draw){CHARTS[id]=draw;return '<div class="chartbox" id="'+id+'"></div>';}
        var MEASURE=document.createElement('canvas').getContext('2d');
        function textWidth(s){MEASURE.font='11px -apple-system,"PingFang SC","Microsoft YaHei",sans-serif';return MEASURE.measureText(String(s)).width;}
        function fitText(s,w){s=String(s);if(textWidth(s)<=w)return s;while(s.length>1&&textWidth(s+'…')>w)s=s.slice(0,-1);return s+'…';}
        function abbr(v){var a=Math.abs(v);function t(x,d){return x.toFixed(d).replace(/\.0$/,'');}
          if(a>=1e6)return t(v/1e6,a>=1e7?0:1)+'M';if(a>=1e4)return t(v/1e3,a>=1e5?0:1)+'k';return a>=100?String(Math.round(v)):t(v,a>=10?0:1);}
        function niceMax(m){if(!(m>0))return 1;var p=Math.pow(10,Math.floor(Math.log10(m))),n=m/p;return (n<=1?1:n<=2?2:n<=2.5?2.5:n<=5?5:10)*p;}
        function svgText(x,y,s,anchor,cls,title){return '<text class="lbl '+cls+'" x="'+x.toFixed(1)+'" y="'+y.toFixed(1)+'" text-anchor="'+anchor+'">'+esc(s)+(title?'<title>'+esc(title)+'</title>':'')+'</text>';}
        function svgOpen(name,w,h,title){return '<svg class="chart" data-chart="'+name+'" width="'+w+'" height="'+h+'" viewBox="0 0 '+w+' '+h+'" role="img" aria-label="'+esc(title)+'">';}
        function columnChart(name,title,items,label,value){return function(el){
          var W=Math.max(240,Math.floor(el.clientWidth)),H=210,TP=18,B=34,vals=items.map(value),max=niceMax(Math.max.apply(null,[0].concat(vals)));
          var R=items.length?Math.ceil(textWidth(label(items[items.length-1]))/2)+4:6;
          var ticks=[0,max/4,max/2,max*3/4,max],L=Math.ceil(Math.max.apply(null,ticks.map(function(t){return textWidth(abbr(t));})))+10;
          var pw=W-L-R,ph=H-TP-B,n=Math.max(1,items.length),slot=pw/n,bw=Math.max(2,Math.min(32,slot*0.7)),y0=TP+ph,s=svgOpen(name,W,H,title);
          ticks.forEach(function(t){var y=y0-t/max*ph;s+='<line class="grid" x1="'+L+'" x2="'+(W-R)+'" y1="'+y.toFixed(1)+'" y2="'+y.toFixed(1)+'"/>'+svgText(L-6,y+4,abbr(t),'end','tick');});
          var lw=Math.max.apply(null,[1].concat(items.map(function(it){return textWidth(label(it));})))+8,step=Math.max(1,Math.ceil(lw/slot));
          items.forEach(function(it,i){var v=vals[i],bh=v/max*ph,cx=L+i*slot+slot/2,tip=label(it)+': '+v;
            s+='<rect class="bar" x="'+(cx-bw/2).toFixed(1)+'" y="'+(y0-bh).toFixed(1)+'" width="'+bw.toFixed(1)+'" height="'+Math.max(v>0?1:0,bh).toFixed(1)+'"><title>'+esc(tip)+'</title></rect>';
            if(v>0&&textWidth(abbr(v))+2<=slot)s+=svgText(cx,y0-bh-4,abbr(v),'middle','val',tip);
            if((n-1-i)%step===0)s+=svgText(cx,y0+18,label(it),'middle','x',tip);});
          if(!vals.some(function(v){return v>0;}))s+=svgText(L+pw/2,TP+ph/2,'暂无数据','middle','empty');
          return s+'<line class="axis" x1="'+L+'" x2="'+(W-R)+'" y1="'+y0+'" y2="'+y0+'"/></svg>';};}
        function barChart(name,title,items,label,value,fmt,fixedMax){return function(el){
          var W=Math.max(240,Math.floor(el.clientWidth)),row=26,TP=4,B=24,n=items.length,H=TP+Math.max(1,n)*row+B;
          var vals=items.map(value),max=fixedMax||niceMax(Math.max.apply(null,[0].concat(vals))),s=svgOpen(name,W,H,title);
          if(!n)return s+svgText(W/2,TP+row/2+4,'暂无数据','middle','empty')+'</svg>';
          var lblW=Math.min(Math.floor(W*0.38),Math.ceil(Math.max.apply(null,items.map(function(it){return textWidth(label(it));})))+10);
          var valW=Math.ceil(Math.max.apply(null,[textWidth(fmt(max))].concat(vals.map(function(v){return textWidth(fmt(v));}))))+10,pw=Math.max(40,W-lblW-valW),y1=TP+n*row;
          [0,0.5,1].forEach(function(f,k){var x=lblW+f*pw;s+='<line class="grid" x1="'+x.toFixed(1)+'" x2="'+x.toFixed(1)+'" y1="'+TP+'" y2="'+y1+'"/>'+svgText(x,y1+16,fmt(max*f),['start','middle','end'][k],'tick');});
          items.forEach(function(it,i){var v=vals[i],y=TP+i*row,w=Math.max(v>0?2:0,v/max*pw),tip=label(it)+': '+fmt(v);
            s+=svgText(lblW-8,y+17,fitText(label(it),lblW-10),'end','y',tip)+'<rect class="bar" x="'+lblW+'" y="'+(y+5)+'" width="'+w.toFixed(1)+'" height="16"><title>'+esc(tip)+'</title></rect>'+
              svgText(lblW+w+5,y+17,fmt(v),'start','val',tip);});
          return s+'<line class="axis" x1="'+lblW+'" x2="'+lblW+'" y1="'+TP+'" y2="'+y1+'"/></svg>';};}
        """#
}
