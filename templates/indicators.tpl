{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Trang chủ</a> › <a href="{{rollup_href}}">Bảng tổng hợp — {{unit_name}}</a> › Chỉ tiêu</nav>
<h1>{{title}}</h1>
<p class="periods">Kỳ báo cáo: {{#periods}}<a href="{{phref}}"{{#pcurrent}} aria-current="page" class="current"{{/pcurrent}}>{{plabel}}</a> {{/periods}}</p>
<p>{{summary}}{{#only_approved}} (chỉ tính báo cáo đã duyệt){{/only_approved}}</p>
<table class="list indicators" id="indicators">
  <thead><tr><th>Chỉ tiêu</th><th>Mục tiêu</th><th>Kế hoạch</th><th>Thực hiện</th><th>Đánh giá</th></tr></thead>
  <tbody>
  {{#rows}}
  <tr>
    <td>{{iname}}</td>
    <td>{{#target}}{{ttext}} <span class="muted">(năm {{year}})</span>{{/target}}</td>
    <td>{{#target}}{{plan}} <span class="muted">— {{plan_unit}}</span>{{/target}}</td>
    <td class="num">{{#measured}}{{actual}}{{/measured}}{{#unmeasured}}<span class="muted">{{actual}}</span>{{/unmeasured}}</td>
    <td>{{#met}}<span class="badge st-approved">Đạt</span>{{/met}}{{#not_met}}<span class="badge st-returned">Chưa đạt</span>{{/not_met}}</td>
  </tr>
  {{/rows}}
  </tbody>
</table>
{{>FOOT}}
