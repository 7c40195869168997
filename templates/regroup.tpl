{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Trang chủ</a> › <a href="{{rollup_href}}">Bảng tổng hợp</a> › Theo xã mới</nav>
<h1>{{title}}</h1>
<p id="explain">{{explain}}</p>
{{#kept_note}}<p id="kept-note" class="muted">{{text}}</p>{{/kept_note}}
<div class="rollup-head">
  <p><strong id="summary">{{summary}}</strong></p>
  <p class="switch">
    {{#all_sent}}Đang tính các báo cáo đã gửi và đã duyệt · <a id="switch" href="{{href_approved}}">Chỉ tính báo cáo đã duyệt</a>{{/all_sent}}
    {{#only_approved}}Đang chỉ tính báo cáo đã duyệt · <a id="switch" href="{{href_all}}">Tính cả báo cáo đã gửi</a>{{/only_approved}}
    · <a href="{{rollup_href}}">Bảng tổng hợp theo đơn vị cũ</a>
  </p>
</div>
{{#has_groups}}
<div class="scroll">
<table class="matrix" id="regrouped">
  <thead>
    <tr><th class="label">Xã mới</th>{{#columns}}<th id="h_{{hcode}}">{{hlabel}}</th>{{/columns}}</tr>
  </thead>
  <tbody>
    {{#groups}}
    <tr id="g_{{gcode}}{{#kept}}_cu{{/kept}}">
      <th class="label"><strong>{{gname}}</strong>{{#since}} <span class="muted">{{text}}</span>{{/since}}{{#kept}} <span class="badge">giữ nguyên</span>{{/kept}}<br>
        <span class="gathers">{{gathers}}</span>{{#goutside}} <span class="muted">({{text}})</span>{{/goutside}}<br>
        <span class="muted">{{gcount}}</span>{{#gsplit}}<br><span class="split">{{text}}</span>{{/gsplit}}{{#gmissing}}<br><span class="muted">{{text}}</span>{{/gmissing}}</th>
      {{#cells}}<td>{{ctext}}{{#cratio}}<br><span class="muted">{{crtext}}</span>{{/cratio}}</td>{{/cells}}
    </tr>
    {{/groups}}
  </tbody>
</table>
</div>
{{/has_groups}}
{{>FOOT}}
