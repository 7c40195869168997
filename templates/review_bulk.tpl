{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs" aria-label="Vị trí"><a href="/">Trang chủ</a> › {{title}}</nav>
<h1>{{title}}</h1>
{{#none}}<p class="notice error" role="alert">Chưa chọn báo cáo nào. Hãy đánh dấu các báo cáo trong danh sách «Chờ duyệt».</p>{{/none}}
{{#results}}
{{#summary}}<p class="notice ok" role="status" id="bulk-summary">{{text}}</p>{{/summary}}
<ul class="bulk-results">
  {{#rows}}<li id="result-{{rid}}" class="{{outcome_class}}">{{#link}}<a href="{{href}}">{{label}}</a>{{/link}}{{#no_href}}{{label}}{{/no_href}}: {{outcome}}</li>{{/rows}}
</ul>
{{/results}}
{{#asking}}
<p>Ghi lý do trả lại cho từng báo cáo (xã sẽ thấy lý do này). Có thể ghi thêm một ghi chú tại dòng cần sửa. Báo cáo không có lý do sẽ không bị trả lại.</p>
<form method="post" action="/review" class="bulk-return">
  <input type="hidden" name="csrf" value="{{csrf}}">
  {{#rows}}
  <fieldset id="ask-{{rid}}">
    <legend>{{label}}</legend>
    {{#problem}}<p class="notice error">{{text}}</p>{{/problem}}
    {{#ask}}
    <input type="hidden" name="pick" value="{{key}}">
    <input type="hidden" name="version_{{key}}" value="{{version}}">
    <label for="reason-{{rid}}">Lý do trả lại</label>
    <textarea id="reason-{{rid}}" name="reason_{{key}}" rows="3" maxlength="2000"></textarea>
    <label for="element-{{rid}}">Dòng cần sửa (không bắt buộc)</label>
    <select id="element-{{rid}}" name="element_{{key}}"><option value="">— Không ghi chú dòng nào —</option>{{#options}}<option value="{{o_code}}">{{o_label}}</option>{{/options}}</select>
    <label for="comment-{{rid}}">Ghi chú tại dòng đó</label>
    <textarea id="comment-{{rid}}" name="comment_{{key}}" rows="2" maxlength="2000"></textarea>
    {{/ask}}
  </fieldset>
  {{/rows}}
  <div class="actions">
    <button type="submit" name="action" value="return" class="primary" id="bulk-return-submit">Trả lại các báo cáo có lý do</button>
    <a href="/" class="button">Hủy</a>
  </div>
</form>
{{/asking}}
{{#results}}<p><a class="button" href="/" id="back-home">Về danh sách chờ duyệt</a></p>{{/results}}
{{#none}}<p><a class="button" href="/" id="back-home">Về danh sách chờ duyệt</a></p>{{/none}}
{{>FOOT}}
