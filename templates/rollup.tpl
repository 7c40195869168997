{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Trang chủ</a>{{#parent}} › <a href="{{uhref}}">{{uname}}</a>{{/parent}} › {{unit_name}}</nav>
<h1>{{title}}</h1>
<p class="periods">Kỳ báo cáo: {{#periods}}<a href="{{phref}}"{{#pcurrent}} aria-current="page" class="current"{{/pcurrent}}>{{plabel}}</a> {{/periods}}</p>
<div class="rollup-head">
  <p><strong id="summary">{{summary}}</strong> · {{sent_line}} · Hạn nộp {{due}}</p>
  <p class="switch">
    {{#all_sent}}Đang tính các báo cáo đã gửi và đã duyệt · <a id="switch" href="{{href_approved}}">Chỉ tính báo cáo đã duyệt</a>{{/all_sent}}
    {{#only_approved}}Đang chỉ tính báo cáo đã duyệt · <a id="switch" href="{{href_all}}">Tính cả báo cáo đã gửi</a>{{/only_approved}}
    · <a href="{{indicators_href}}">Bảng chỉ tiêu</a>
    · <a id="print-link" href="{{sheet_href}}/print{{sheet_query}}">In bảng tổng hợp</a> · <a id="xlsx-link" href="{{sheet_href}}/export.xlsx{{sheet_query}}">Tải Excel</a> · <a id="csv-link" href="{{sheet_href}}/export.csv{{sheet_query}}">Tải CSV</a> · <a id="json-link" href="{{sheet_href}}/export.json{{sheet_query}}">Tải JSON</a> · <a id="units-csv-link" href="{{sheet_href}}/units.csv{{sheet_query}}">Tải CSV theo đơn vị</a> · <a id="pdf-link" href="{{sheet_href}}/export.pdf{{sheet_query}}">Tải PDF</a>
    {{#own_rows}}· <a class="button" href="{{href}}">Nhập số liệu do huyện nhập</a>{{/own_rows}}
  </p>
  {{#by_province}}
  <p id="by-province">Các xã chưa tổng hợp hoặc gửi trễ hạn được liệt kê trong bảng của từng tỉnh, thành phố (bấm tên tỉnh trong bảng chi tiết bên dưới).</p>
  {{/by_province}}
  {{#has_missing}}
  <details class="missing" open>
    <summary>Chưa tổng hợp {{n_missing}} xã:</summary>
    <ul id="missing">{{#missing}}<li><a href="{{xhref}}">{{xname}}</a> <span class="muted">{{xparent}}</span> <span class="badge st-{{xstatus}}">{{xstatus_label}}</span>{{#xlate}} <span class="late">trễ hạn</span>{{/xlate}}</li>{{/missing}}</ul>
  </details>
  {{/has_missing}}
  {{#has_late}}
  <details class="missing">
    <summary>Đã tổng hợp nhưng gửi trễ hạn {{n_late}} xã</summary>
    <ul id="late">{{#late_included}}<li><a href="{{xhref}}">{{xname}}</a> <span class="muted">{{xparent}}</span> <span class="badge st-{{xstatus}}">{{xstatus_label}}</span></li>{{/late_included}}</ul>
  </details>
  {{/has_late}}
</div>
{{#budget}}<p>- Tổng kinh phí thực hiện: <strong>{{amount}}</strong> đồng</p>{{/budget}}
<p class="table-title">- Kết quả thực hiện</p>
<table class="appendix" id="rollup">
  <thead><tr><th class="tt">TT</th><th>Nội dung</th><th class="qty">Số lượng</th><th class="ratio">Tỷ lệ</th></tr></thead>
  {{#sections}}
  <tbody>
    <tr class="section"><th class="tt">{{numeral}}</th><th colspan="3">{{stitle}}</th></tr>
    {{#rows}}
    <tr id="r_{{rcode}}" class="{{#sub}}sub{{/sub}}">
      <td class="tt">{{tt}}</td>
      <td class="label">{{rlabel}}{{#district_row}} <span class="muted">(huyện nhập)</span>{{/district_row}}</td>
      <td class="qty">{{rvalue}}</td>
      <td class="ratio">{{rratio}}</td>
    </tr>
    {{/rows}}
  </tbody>
  {{/sections}}
</table>
{{#has_matrix}}
<h2>Chi tiết theo đơn vị</h2>
<p><a id="matrix-print" href="{{matrix_print_href}}">In bảng chi tiết (khổ ngang)</a></p>
<p class="muted">Ô tô đậm: tỷ lệ lệch hơn 20 điểm phần trăm so với toàn đơn vị.</p>
<div class="scroll">
<table class="matrix" id="matrix">
  <thead>
    <tr><th>Nội dung</th>{{#mcols}}<th><a href="{{mhref}}">{{mname}}</a><br>{{#mcommune}}<span class="badge st-{{mstatus}}">{{mstatus_label}}</span>{{/mcommune}}{{#mcount}}<span class="muted">{{ninc}}/{{nexp}} xã</span>{{/mcount}}</th>{{/mcols}}</tr>
  </thead>
  <tbody>
    {{#mrows}}
    <tr id="m_{{mcode}}"><th class="label">{{mlabel}}</th>{{#cells}}<td class="{{#codd}}odd{{/codd}}">{{ctext}}{{#cratio}}<br><span class="muted">{{crtext}}</span>{{/cratio}}</td>{{/cells}}</tr>
    {{/mrows}}
  </tbody>
</table>
</div>
{{/has_matrix}}
<section class="charts" id="charts">
  <h2>Biểu đồ</h2>
  <figure><img src="{{completeness_src}}" alt="Biểu đồ tình hình nộp báo cáo: {{summary}}"></figure>
  {{#charts}}<figure id="chart_{{chart_code}}"><img src="{{chart_src}}" alt="Biểu đồ theo đơn vị: {{chart_label}}" loading="lazy"></figure>
  {{/charts}}
</section>
{{#has_texts}}
<h2>Tình hình thực hiện của các xã</h2>
<dl class="texts" id="texts">{{#texts}}<dt>{{tunit}}</dt><dd>{{ttext}}</dd>{{/texts}}</dl>
{{/has_texts}}
{{>FOOT}}
