{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<link rel="stylesheet" href="/static/print.css">
{{#landscape}}<link rel="stylesheet" href="/static/print-landscape.css">{{/landscape}}
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/static/print.js" defer></script>
</head>
<body>
<div class="screen-only toolbar">
  <p><a href="{{back}}">{{back_label}}</a></p>
  <p><button type="button" id="print-button" class="primary">In báo cáo</button>
  <a id="pdf-link" class="button" href="{{pdf_href}}">Tải PDF</a>
  <span class="muted">Mở hộp thoại in của trình duyệt (chọn «Lưu dưới dạng PDF» để có tệp PDF). Khổ A4, {{orientation}}.</span></p>
  {{#is_draft}}<p class="notice">Báo cáo chưa gửi: bản in có dấu «BẢN NHÁP» trên mọi trang.</p>{{/is_draft}}
  {{#options}}
  <details>
    <summary>Chọn loại văn bản (phụ lục hoặc báo cáo); sửa số, ngày, người ký, nơi nhận trước khi in</summary>
    <form method="get" action="{{action}}" class="signoff">
      {{#f_blank}}<input type="hidden" name="blank" value="1">{{/f_blank}}
      {{#f_only_approved}}<input type="hidden" name="only" value="approved">{{/f_only_approved}}
      <label for="doc">Loại văn bản</label>
      <select id="doc" name="doc">
        <option value="appendix"{{#f_appendix}} selected{{/f_appendix}}>Phụ lục kèm theo báo cáo (dòng «Kèm theo Báo cáo số …»)</option>
        <option value="report"{{#f_report}} selected{{/f_report}}>Báo cáo riêng (có số, nơi nhận, chữ ký)</option>
      </select>
      <label for="number">Số báo cáo (để trống để ghi tay)</label>
      <input id="number" name="number" value="{{f_number}}" maxlength="40">
      <label for="date">Ngày báo cáo</label>
      <input id="date" name="date" type="date" value="{{f_date}}">
      <label for="authority">Thẩm quyền ký (mỗi dòng một dòng in)</label>
      <textarea id="authority" name="authority" rows="2">{{f_authority:pre_escape}}</textarea>
      <label for="signer_title">Chức vụ người ký</label>
      <input id="signer_title" name="signer_title" value="{{f_signer_title}}" maxlength="200">
      <label for="signer_name">Họ và tên người ký (để trống để ghi tay)</label>
      <input id="signer_name" name="signer_name" value="{{f_signer_name}}" maxlength="200">
      <label for="recipients">Nơi nhận (mỗi dòng một nơi)</label>
      <textarea id="recipients" name="recipients" rows="4">{{f_recipients:pre_escape}}</textarea>
      <p><button type="submit">Cập nhật bản in</button> <button type="submit" formaction="{{pdf_action}}">Tải PDF</button> <span class="muted">Chỉ áp dụng cho lần in này; không lưu lại.</span></p>
    </form>
  </details>
  {{/options}}
</div>
{{#doc}}
{{#draft}}<div class="draft-mark" aria-hidden="true">BẢN NHÁP</div>{{/draft}}
<article class="doc{{#blank}} blank{{/blank}}">
  {{#is_report}}
  <table class="doc-head">
    <tr>
      <td class="issuer">
        <div class="caps">{{issuer_top}}</div>
        <div class="caps">{{issuer_unit}}</div>
        <div class="rule short"></div>
        <div class="number">Số: {{number}}/BC-UBND</div>
      </td>
      <td class="nation">
        <div class="caps">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
        <div class="motto"><span>Độc lập - Tự do - Hạnh phúc</span></div>
        <div class="place-date">{{place_date}}</div>
      </td>
    </tr>
  </table>
  <h1 class="doc-title"><span class="doc-kind">BÁO CÁO</span><span class="summary">{{doc_title}}</span></h1>
  <div class="rule title-rule"></div>
  {{/is_report}}
  {{#is_appendix}}
  <h1 class="doc-title appendix"><span class="appendix-word">Phụ lục</span>{{doc_title}}</h1>
  <p class="attached">{{attached}}</p>
  <div class="rule title-rule"></div>
  {{/is_appendix}}
  {{#cutoff}}<p class="cutoff">{{text}}</p>{{/cutoff}}
  {{#subtitle}}<p class="subtitle">{{text}}</p>{{/subtitle}}
  {{#unit_status}}<p class="unit-status">{{sline}}</p>{{/unit_status}}
  {{#items}}
  <div class="item">
    <p>- {{item_label}}{{#has_value}}: {{item_value}}{{/has_value}}</p>
    {{#paragraphs}}<p class="para">{{#who}}<em>{{wname}}:</em> {{/who}}{{line}}</p>{{/paragraphs}}
    {{#write_in}}<p class="write-in">……………………………………………………………………………………………</p><p class="write-in">……………………………………………………………………………………………</p><p class="write-in">……………………………………………………………………………………………</p>{{/write_in}}
  </div>
  {{/items}}
  {{#table}}
  <p class="item">- Kết quả thực hiện</p>
  <table class="sheet">
    <thead><tr><th class="tt">TT</th><th>Nội dung</th><th class="qty">Số lượng</th><th class="ratio">Tỷ lệ</th></tr></thead>
    <tbody>
    {{#rows}}
    {{#is_section}}<tr class="section"><td class="tt">{{cell_tt}}</td><td colspan="3">{{cell_label}}</td></tr>{{/is_section}}
    {{#is_element}}<tr class="{{#is_sub}}sub{{/is_sub}}" data-code="{{cell_code}}"><td class="tt">{{cell_tt}}</td><td class="label">{{cell_label}}</td><td class="qty">{{cell_value}}</td><td class="ratio">{{cell_ratio}}</td></tr>{{/is_element}}
    {{/rows}}
    </tbody>
  </table>
  {{/table}}
  {{#matrix}}
  <p class="item">- Kết quả thực hiện chi tiết theo {{unit_word}} (số lượng; tỷ lệ ở dòng dưới)</p>
  {{#chunks}}
  <table class="sheet matrix">
    <thead><tr><th class="label">Nội dung</th>{{#mcols}}<th class="unit">{{mname}}{{#mcount}}<br><span class="count">{{ninc}}/{{nexp}} xã</span>{{/mcount}}{{#mnote}}<br><span class="absent-note">{{ntext}}</span>{{/mnote}}</th>{{/mcols}}</tr></thead>
    <tbody>
    {{#mrows}}
    {{#is_section}}<tr class="section"><td colspan="{{span}}">{{numeral}}. {{stitle}}</td></tr>{{/is_section}}
    {{#is_element}}<tr class="{{#is_sub}}sub{{/is_sub}}" data-code="{{mcode}}"><td class="label">{{mlabel}}</td>{{#cells}}<td class="num{{#is_total}} total{{/is_total}}{{#absent}} absent{{/absent}}">{{ctext}}{{#cratio}}<br><span class="r">{{crtext}}</span>{{/cratio}}</td>{{/cells}}</tr>{{/is_element}}
    {{/mrows}}
    </tbody>
  </table>
  {{/chunks}}
  {{/matrix}}
  {{#is_report}}
  <table class="closing">
    <tr>
      <td class="recipients">
        <p class="nn">Nơi nhận:</p>
        {{#recipients}}<p>- {{line}}</p>{{/recipients}}
      </td>
      <td class="signer">
        {{#authority}}<p class="caps">{{line}}</p>{{/authority}}
        <div class="sign-space"></div>
        <p class="signer-name">{{signer_name}}</p>
      </td>
    </tr>
  </table>
  {{/is_report}}
</article>
{{/doc}}
</body>
</html>
