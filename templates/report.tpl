{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs" aria-label="Vị trí trang"><a href="/">Trang chủ</a> › {{#unit}}{{name}}{{/unit}}</nav>
<nav class="form-index" id="form-index" aria-label="Mục lục báo cáo">
  <p class="progress">Đã nhập <span class="filled">{{filled}}</span>/<span class="total">{{total}}</span> mục</p>
  <ul class="sections">
    {{#has_header}}<li><a href="#sec_header">Thông tin chung</a></li>{{/has_header}}
    {{#sections}}<li><a href="#sec_{{code}}"><span class="num">{{numeral}}</span><span class="title">. {{title}}</span></a></li>{{/sections}}
  </ul>
  <div class="issues" id="issues"{{#editable}} data-errors="Cần sửa trước khi gửi:" data-warnings="Cảnh báo (vẫn gửi được, nên kiểm tra lại):"{{/editable}}{{#no_issues}} hidden{{/no_issues}}>
    <p><strong class="issues-heading">{{issues_heading}}</strong></p>
    <ul>{{#issues}}<li class="{{severity}}"><a href="#{{anchor}}">{{label}}</a>: {{message}}</li>{{/issues}}</ul>
  </div>
</nav>
<h1 id="title" tabindex="-1">Báo cáo {{#period}}{{label}}{{/period}} — {{#unit}}{{name}}{{/unit}}</h1>
<p class="form-title">{{form_title}}</p>
<p class="state">
  Trạng thái: <span class="badge st-{{status}}">{{status_label}}</span>
  · Hạn nộp: {{due}}{{#late}} <span class="late">đã quá hạn</span>{{/late}}{{#sent_late}} <span class="late">gửi trễ hạn</span>{{/sent_late}}
  {{#cutoff}}· Số liệu tính từ ngày {{cfrom}} đến ngày {{cto}}{{/cutoff}}
  {{#updated}}· Lưu lần cuối: {{at}}{{/updated}}
  {{#submitted}}· Gửi lúc: {{at}}{{/submitted}}
  {{#period_locked}}· <strong>Kỳ báo cáo đã khóa</strong>{{/period_locked}}
</p>
{{#returned}}<div class="notice error" role="alert"><strong>Cấp trên trả lại báo cáo:</strong> {{reason}}</div>{{/returned}}
{{#has_commented_rows}}<nav class="notice commented-rows" id="commented-rows" aria-label="Các dòng có ghi chú"><strong>Dòng có ghi chú:</strong><ul>{{#commented_rows}}<li><a href="#row_{{cr_code}}">{{cr_label}}</a></li>{{/commented_rows}}</ul></nav>{{/has_commented_rows}}
{{#flash}}<p class="notice ok" role="status">{{text}}</p>{{/flash}}
{{#flash_error}}<p class="notice error" role="alert">{{text}}</p>{{/flash_error}}
<form method="post" action="{{action}}" id="report-form" class="report" data-unit="{{#unit}}{{code}}{{/unit}}" data-period="{{#period}}{{code}}{{/period}}" data-version="{{version}}"{{#editable}} data-checks="{{checks_def}}"{{/editable}}{{#unsaved}} data-unsaved="1"{{/unsaved}} novalidate>
  {{#editable}}<button type="submit" class="enter-guard" disabled hidden>Lưu</button>{{/editable}}
  <input type="hidden" name="csrf" value="{{csrf}}">
  <input type="hidden" name="version" value="{{version}}">
  {{#editable}}<input type="hidden" name="at" value="">{{/editable}}
  {{#has_conflicts}}
  <section class="conflict" id="conflict" aria-labelledby="conflict-title">
    <h2 id="conflict-title" tabindex="-1">Số liệu khác nhau giữa hai lần lưu</h2>
    <p>Sau khi bạn mở trang này, báo cáo đã được lưu ở nơi khác (máy hoặc trang khác). Những dòng chỉ một bên sửa đã được gộp sẵn. Với mỗi dòng dưới đây, chọn số muốn giữ rồi bấm «Lưu nháp».</p>
    <table class="diff">
      <thead><tr><th scope="col">Nội dung</th><th scope="col">Đã lưu ở nơi khác</th><th scope="col">Bạn vừa nhập</th></tr></thead>
      <tbody>
      {{#conflicts}}
      <tr><th scope="row">{{label}}</th>
        <td><label class="keep"><input type="radio" name="keep_{{code}}" value="saved" data-code="{{code}}" data-value="{{saved_field}}"> <span><span class="which">Đã lưu ở nơi khác: </span>{{saved}}</span></label></td>
        <td><label class="keep"><input type="radio" name="keep_{{code}}" value="typed" data-code="{{code}}" data-value="{{typed_field}}" checked> <span><span class="which">Bạn vừa nhập: </span>{{typed}}</span></label></td></tr>
      {{/conflicts}}
      </tbody>
    </table>
  </section>
  {{/has_conflicts}}
  <div id="sec_header" class="head-items">
  {{#header}}
  <div class="head-item{{#has_error}} has-error{{/has_error}}" id="row_{{code}}">
    {{#editable}}<label for="f_{{code}}">- {{label}}</label>{{/editable}}
    {{#readonly}}<p class="label">- {{label}}</p>{{/readonly}}
    {{#editable}}
      <input type="hidden" name="o_{{code}}" value="{{orig}}">
      {{#is_text}}<textarea id="f_{{code}}" name="{{name}}" rows="6" maxlength="20000" aria-describedby="m_{{code}}">{{value:pre_escape}}</textarea>{{/is_text}}
      {{#is_number}}<input id="f_{{code}}" name="{{name}}" value="{{value}}" inputmode="numeric" autocomplete="off" enterkeyhint="next" class="num wide" data-code="{{code}}" aria-describedby="m_{{code}}">{{/is_number}}
    {{/editable}}
    {{#readonly}}<div class="value{{#is_text}} text{{/is_text}}">{{display}}{{#is_money}} đồng{{/is_money}}</div>{{/readonly}}
    <div id="m_{{code}}" class="msgs">{{#messages}}<p class="msg {{severity}}">{{message}}</p>{{/messages}}</div>
    {{#has_comments}}<ul class="comments">{{#comments}}<li><strong>{{c_by}}</strong> <span class="muted">({{c_role}}, {{c_at}})</span>: {{c_text}}</li>{{/comments}}</ul>{{/has_comments}}{{#comment_link}}<a class="comment-link" href="{{chref}}">Ghi chú</a>{{/comment_link}}
  </div>
  {{/header}}
  </div>
  <p class="table-title">- Kết quả thực hiện</p>
  <table class="appendix">
    <thead><tr><th class="tt" scope="col">TT</th><th scope="col">Nội dung</th><th class="qty" scope="col">Số lượng</th><th class="ratio" scope="col">Tỷ lệ</th>{{#show_prev}}<th class="qty prev">Năm trước</th>{{/show_prev}}</tr></thead>
    {{#sections}}
    <tbody id="sec_{{code}}">
      <tr class="section"><th class="tt" scope="row">{{numeral}}</th><th colspan="{{colspan}}" scope="colgroup">{{title}}</th></tr>
      {{#rows}}
      <tr id="row_{{code}}" class="{{#sub}}sub{{/sub}}{{#has_error}} has-error{{/has_error}}">
        <td class="tt">{{tt}}</td>
        <td class="label">{{#editable}}<label for="f_{{code}}">{{label}}</label>{{/editable}}{{#readonly}}{{label}}{{/readonly}}
          <div id="m_{{code}}" class="msgs">{{#messages}}<p class="msg {{severity}}">{{message}}</p>{{/messages}}</div>
          {{#has_comments}}<ul class="comments">{{#comments}}<li><strong>{{c_by}}</strong> <span class="muted">({{c_role}}, {{c_at}})</span>: {{c_text}}</li>{{/comments}}</ul>{{/has_comments}}{{#comment_link}}<a class="comment-link" href="{{chref}}">Ghi chú</a>{{/comment_link}}</td>
        <td class="qty">
          {{#editable}}
          <input type="hidden" name="o_{{code}}" value="{{orig}}">
          {{#is_number}}<input id="f_{{code}}" name="{{name}}" value="{{value}}" inputmode="numeric" autocomplete="off" enterkeyhint="next" class="num" data-code="{{code}}" aria-describedby="m_{{code}}">{{/is_number}}
          {{#is_yesno}}<select id="f_{{code}}" name="{{name}}" data-code="{{code}}" aria-describedby="m_{{code}}"><option value="">— Chọn —</option><option value="1"{{#yes_selected}} selected{{/yes_selected}}>Có</option><option value="0"{{#no_selected}} selected{{/no_selected}}>Không</option></select>{{/is_yesno}}
          {{/editable}}
          {{#readonly}}{{display}}{{/readonly}}
        </td>
        <td class="ratio">{{#ratio_cell}}<output id="ratio_{{code}}" data-num="{{code}}" data-den="{{ratio_den}}" aria-label="Tỷ lệ">{{ratio_text}}</output>{{/ratio_cell}}</td>
        {{#prev_cell}}<td class="qty prev">{{ptext}}</td>{{/prev_cell}}
      </tr>
      {{/rows}}
    </tbody>
    {{/sections}}
  </table>
  {{#show_explanation}}
  <div class="explain{{#confirm_warnings}} confirm{{/confirm_warnings}}" id="explain"{{#hide_explanation}} hidden{{/hide_explanation}}>
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
    <a class="to-index" href="#form-index">↑ Mục lục</a>
  </div>
  {{/editable}}
</form>
{{#comment_form}}
<section class="comment-form" id="comment" aria-labelledby="comment-h">
  <h2 id="comment-h">Ghi chú tại một dòng</h2>
  <form method="post" action="{{comment_action}}" class="stack">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <label for="comment-element">Dòng</label>
    <select id="comment-element" name="element">{{#comment_options}}<option value="{{o_code}}"{{#o_selected}} selected{{/o_selected}}>{{o_label}}</option>{{/comment_options}}</select>
    <label for="comment-text">Ghi chú (xã và cấp duyệt đều thấy; lưu trong lịch sử báo cáo)</label>
    <textarea id="comment-text" name="text" rows="3" maxlength="2000"></textarea>
    <button type="submit" id="comment-submit">Ghi chú</button>
  </form>
</section>
{{/comment_form}}
{{#review}}
<section class="review" id="review" aria-labelledby="review-title">
  <h2 id="review-title">Xem xét báo cáo</h2>
  {{#can_approve}}
  <form method="post" action="{{review_action}}" class="inline-form">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="version" value="{{review_version}}">
    <button type="submit" name="action" value="approve" class="primary" id="approve">Duyệt báo cáo</button>
  </form>
  <form method="post" action="{{review_action}}" class="review-reason" novalidate>
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="version" value="{{review_version}}">
    <label for="return-reason">Lý do trả lại (xã sẽ thấy lý do này)</label>
    <textarea id="return-reason" name="reason" rows="3" maxlength="2000" required></textarea>
    <button type="submit" name="action" value="return" id="return">Trả lại cho xã sửa</button>
  </form>
  {{/can_approve}}
  {{#can_reopen}}
  <form method="post" action="{{review_action}}" class="review-reason" novalidate>
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
{{#printable}}
<nav class="doc-actions" aria-label="In và tải báo cáo">
  <a class="button" href="{{print_href}}">In báo cáo</a>
  <a class="button" href="{{print_href}}?blank=1">In mẫu trống</a>
  <a class="button" href="{{export_base}}.xlsx">Tải Excel (XLSX)</a>
  <a class="button" href="{{export_base}}.csv">Tải CSV</a>
  {{#json_download}}<a class="button" href="{{export_base}}.json">Tải JSON</a>{{/json_download}}
  <a class="button" href="{{export_base}}.pdf">Tải PDF</a>
</nav>
{{/printable}}
<p class="history-link"><a href="{{history_href}}">Lịch sử báo cáo</a></p>
{{#editable}}<script src="{{checks_src}}" defer></script><script src="/static/form.js" defer></script>{{/editable}}
{{>FOOT}}
