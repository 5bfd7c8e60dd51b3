import type { Letter } from './mailbox.js'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

const STYLE = `
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;background:#f3f5f8;margin:0}
main{max-width:72rem;margin:1.5rem auto;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1.25rem 2rem}
h1{font-size:1.4rem;margin:0 0 .5rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
p.lead,p.note{color:#4b5563;margin:.25rem 0 1rem}
a{color:#0b5cad}:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #e5e7eb}
td.when{white-space:nowrap}caption{text-align:left;font-weight:600;padding-bottom:.25rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}dt{font-weight:600}dd{margin:0}
iframe{width:100%;height:28rem;border:1px solid #d0d7de;border-radius:4px;background:#fff}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;border:1px solid #e5e7eb;border-radius:4px;padding:.75rem;font-size:.9rem}`

/** The Content-Security-Policy of the catcher's own pages: no scripts at all, frames only from itself. */
export const PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"

/**
 * The policy of a letter's HTML part, shown in a frame of the letter's page: a sandbox without scripts, forms or
 * same-origin access, nothing fetched from elsewhere (no tracking pixels), links opened in a new tab.
 */
export const LETTER_HTML_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-popups allow-popups-to-escape-sandbox; frame-ancestors 'self'"

const when = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'medium' })

function page(title: string, body: string) {
  return `<!DOCTYPE html>
<html lang="ru">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body>
</html>`
}

const subjectOf = (letter: Letter) => letter.subject || '(без темы)'

/** The list of letters, newest first. */
export function listPage(letters: readonly Letter[], smtpUrl: string) {
  const rows = letters
    .map(
      (letter) =>
        `<tr><td class="when">${escapeHtml(when.format(new Date(letter.receivedAt)))}</td>` +
        `<td>${escapeHtml(letter.to.join(', '))}</td>` +
        `<td><a href="/messages/${letter.id}">${escapeHtml(subjectOf(letter))}</a></td>` +
        `<td>${escapeHtml(letter.from)}</td></tr>`,
    )
    .join('\n')
  return page(
    'Почта для разработки',
    `<h1>Почта для разработки</h1>
<p class="lead">Письма, которые хаб отправил через SMTP-сервер для разработки (<code>${escapeHtml(smtpUrl)}</code>). Дальше они не уходят: сервер только хранит их, чтобы их можно было прочитать здесь. Сюда приходит ежедневная сводка о сроках.</p>
${
  letters.length === 0
    ? '<p>Писем пока нет. Сводка о сроках приходит тем, кто включил её в разделе «Уведомления», после очередной проверки сроков; обновите страницу позже.</p>'
    : `<table><caption>Писем: ${letters.length}, новые сверху</caption>
<thead><tr><th scope="col">Когда</th><th scope="col">Кому</th><th scope="col">Тема</th><th scope="col">От кого</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
}`,
  )
}

/** A text part with its web addresses as links that open in a new tab. */
function linkedText(text: string) {
  return text
    .split(/(https?:\/\/[^\s<>"]+)/)
    .map((piece, index) =>
      index % 2 === 1
        ? `<a href="${escapeHtml(piece)}" target="_blank" rel="noopener noreferrer">${escapeHtml(piece)}</a>`
        : escapeHtml(piece),
    )
    .join('')
}

/** One letter: who, when, its HTML part in a sandboxed frame and its text part. */
export function letterPage(letter: Letter) {
  const sent = letter.date && !Number.isNaN(Date.parse(letter.date)) ? when.format(new Date(letter.date)) : letter.date
  return page(
    `${subjectOf(letter)} — Почта для разработки`,
    `<p><a href="/">← Все письма</a></p>
<h1>${escapeHtml(subjectOf(letter))}</h1>
<dl>
<dt>От кого</dt><dd>${escapeHtml(letter.from)}</dd>
<dt>Кому</dt><dd>${escapeHtml(letter.to.join(', '))}</dd>
${sent ? `<dt>Отправлено</dt><dd>${escapeHtml(sent)}</dd>` : ''}
<dt>Получено</dt><dd>${escapeHtml(when.format(new Date(letter.receivedAt)))}</dd>
</dl>
<p><a href="/messages/${letter.id}.eml" download>Скачать исходный файл письма (.eml)</a></p>
<h2>HTML-версия</h2>
${
  letter.html
    ? `<iframe src="/messages/${letter.id}/html" sandbox="allow-popups allow-popups-to-escape-sandbox" title="HTML-версия письма"></iframe>
<p class="note">Показана в изолированной рамке: сценарии письма не выполняются, внешние картинки не загружаются, ссылки открываются в новой вкладке.</p>`
    : '<p>HTML-версии в письме нет.</p>'
}
<h2>Текстовая версия</h2>
${letter.text ? `<pre>${linkedText(letter.text)}</pre>` : '<p>Текстовой версии в письме нет.</p>'}`,
  )
}

/** A letter's HTML part as the frame loads it: links leave the frame for a new tab. */
export function letterHtml(letter: Letter) {
  return `<!DOCTYPE html><meta charset="utf-8"><base target="_blank">${letter.html}`
}

export function notFoundPage() {
  return page(
    'Письмо не найдено — Почта для разработки',
    '<h1>Письмо не найдено</h1><p><a href="/">← Все письма</a></p>',
  )
}
