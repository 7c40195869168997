{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Trang chủ</a> › {{#unit}}{{name}}{{/unit}}</nav>
<h1>Báo cáo {{#period}}{{label}}{{/period}} — {{#unit}}{{name}}{{/unit}}</h1>
<p class="form-title">{{form_title}}</p>
<p class="state">
  Trạng thái: <span class="badge st-{{status}}">{{status_label}}</span>
  · Hạn nộp: {{due}}{{#late}} <span class="late">đã quá hạn</span>{{/late}}{{#sent_late}} <span class="late">gửi trễ hạn</span>{{/sent_late}}
  {{#cutoff}}· Số liệu tính từ ngày {{cfrom}} đến ngày {{cto}}{{/cutoff}}
  {{#updated}}· Lưu lần cuối: {{at}}{{/updated}}
  {{#submitted}}· Gửi lúc: {{at}}{{/submitted}}
  {{#period_locked}}· <strong>Kỳ báo cáo đã khóa</strong>{{/period_locked}}
</p>
{{#printable}}
<nav class="doc-actions" aria-label="In và tải báo cáo">
  <a class="button" href="{{print_href}}">In báo cáo</a>
  <a class="button" href="{{print_href}}?blank=1">In mẫu trống</a>
  <a class="button" href="{{export_base}}.xlsx">Tải Excel (XLSX)</a>
  <a class="button" href="{{export_base}}.csv">Tải CSV</a>
  <a class="button" href="{{export_base}}.json">Tải JSON</a>
  <a class="button" href="{{export_base}}.pdf">Tải PDF</a>
</nav>
{{/printable}}
{{#returned}}<div class="notice error" role="alert"><strong>Cấp trên trả lại báo cáo:</strong> {{reason}}</div>{{/returned}}
{{#flash}}<p class="notice ok" role="status">{{text}}</p>{{/flash}}
{{#flash_error}}<p class="notice error" role="alert">{{text}}</p>{{/flash_error}}
{{#has_issues}}
<div class="issues" id="issues">
  <p><strong>{{#has_errors}}Cần sửa trước khi gửi:{{/has_errors}}{{#only_warnings}}Cảnh báo (vẫn gửi được, nên kiểm tra lại):{{/only_warnings}}</strong></p>
  <ul>{{#issues}}<li class="{{severity}}"><a href="#{{anchor}}">{{label}}</a>: {{message}}</li>{{/issues}}</ul>
</div>
{{/has_issues}}
<form method="post" action="{{action}}" id="report-form" class="report" data-unit="{{#unit}}{{code}}{{/unit}}" data-period="{{#period}}{{code}}{{/period}}" data-version="{{version}}" novalidate>
  <input type="hidden" name="csrf" value="{{csrf}}">
  <input type="hidden" name="version" value="{{version}}">
  {{#header}}
  <div class="head-item{{#has_error}} has-error{{/has_error}}" id="row_{{code}}">
    <label for="f_{{code}}">- {{label}}</label>
    {{#editable}}
      {{#is_text}}<textarea id="f_{{code}}" name="{{name}}" rows="6" maxlength="20000" aria-describedby="m_{{code}}">{{value:pre_escape}}</textarea>{{/is_text}}
      {{#is_number}}<input id="f_{{code}}" name="{{name}}" value="{{value}}" inputmode="decimal" autocomplete="off" class="num wide" aria-describedby="m_{{code}}">{{/is_number}}
    {{/editable}}
    {{#readonly}}<div class="value{{#is_text}} text{{/is_text}}">{{display}}{{#is_money}} đồng{{/is_money}}</div>{{/readonly}}
    <div id="m_{{code}}">{{#messages}}<p class="msg {{severity}}">{{message}}</p>{{/messages}}</div>
  </div>
  {{/header}}
  <p class="table-title">- Kết quả thực hiện</p>
  <table class="appendix">
    <thead><tr><th class="tt">TT</th><th>Nội dung</th><th class="qty">Số lượng</th><th class="ratio">Tỷ lệ</th>{{#show_prev}}<th class="qty prev">Năm trước</th>{{/show_prev}}</tr></thead>
    {{#sections}}
    <tbody>
      <tr class="section"><th class="tt">{{numeral}}</th><th colspan="{{colspan}}">{{title}}</th></tr>
      {{#rows}}
      <tr id="row_{{code}}" class="{{#sub}}sub{{/sub}}{{#has_error}} has-error{{/has_error}}">
        <td class="tt">{{tt}}</td>
        <td class="label"><label for="f_{{code}}">{{label}}</label>
          <div id="m_{{code}}">{{#messages}}<p class="msg {{severity}}">{{message}}</p>{{/messages}}</div></td>
        <td class="qty">
          {{#editable}}
          {{#is_number}}<input id="f_{{code}}" name="{{name}}" value="{{value}}" inputmode="decimal" autocomplete="off" class="num" data-code="{{code}}" aria-describedby="m_{{code}}">{{/is_number}}
          {{#is_yesno}}<select id="f_{{code}}" name="{{name}}" aria-describedby="m_{{code}}"><option value="">— Chọn —</option><option value="1"{{#yes_selected}} selected{{/yes_selected}}>Có</option><option value="0"{{#no_selected}} selected{{/no_selected}}>Không</option></select>{{/is_yesno}}
          {{/editable}}
          {{#readonly}}{{display}}{{/readonly}}
        </td>
        <td class="ratio">{{#ratio_cell}}<output id="ratio_{{code}}" data-num="{{code}}" data-den="{{den}}">{{text}}</output>{{/ratio_cell}}</td>
        {{#prev_cell}}<td class="qty prev">{{ptext}}</td>{{/prev_cell}}
      </tr>
      {{/rows}}
    </tbody>
    {{/sections}}
  </table>
  {{#show_explanation}}
  <div class="explain{{#confirm_warnings}} confirm{{/confirm_warnings}}">
    <label for="explanation">Giải trình các cảnh báo (nếu có)</label>
    <textarea id="explanation" name="explanation" rows="3" maxlength="5000">{{explanation:pre_escape}}</textarea>
  </div>
  {{/show_explanation}}
  {{#explained}}<p class="explained"><strong>Giải trình:</strong> {{text}}</p>{{/explained}}
  {{#editable}}
  <div class="actions">
    <button type="submit" name="action" value="save">Lưu nháp</button>
    {{#confirm_warnings}}<button type="submit" name="action" value="confirm_submit" class="primary">Vẫn gửi báo cáo</button>{{/confirm_warnings}}
    {{#plain_submit}}<button type="submit" name="action" value="submit" class="primary">Gửi báo cáo</button>{{/plain_submit}}
  </div>
  {{/editable}}
</form>
{{#review}}
<section class="review" id="review">
  <h2>Xem xét báo cáo</h2>
  {{#can_approve}}
  <form method="post" action="{{review_action}}" class="inline-form">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="version" value="{{review_version}}">
    <button type="submit" name="action" value="approve" class="primary" id="approve">Duyệt báo cáo</button>
  </form>
  <form method="post" action="{{review_action}}" class="review-reason">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="version" value="{{review_version}}">
    <label for="return-reason">Lý do trả lại (xã sẽ thấy lý do này)</label>
    <textarea id="return-reason" name="reason" rows="3" maxlength="2000" required></textarea>
    <button type="submit" name="action" value="return" id="return">Trả lại cho xã sửa</button>
  </form>
  {{/can_approve}}
  {{#can_reopen}}
  <form method="post" action="{{review_action}}" class="review-reason">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="version" value="{{review_version}}">
    <label for="reopen-reason">Lý do mở lại báo cáo đã duyệt</label>
    <textarea id="reopen-reason" name="reason" rows="3" maxlength="2000" required></textarea>
    <button type="submit" name="action" value="reopen" id="reopen">Mở lại để xã sửa</button>
  </form>
  {{/can_reopen}}
  {{#review_note}}<p class="muted">{{note}}</p>{{/review_note}}
</section>
{{/review}}
<p><a href="{{history_href}}">Lịch sử báo cáo</a></p>
{{#editable}}<script src="/static/form.js" defer></script>{{/editable}}
{{>FOOT}}
