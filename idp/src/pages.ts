import type { DemoUser } from './users.js'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

const STYLE = `
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;background:#f3f5f8;margin:0}
main{max-width:46rem;margin:2rem auto;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1.5rem 2rem}
h1{font-size:1.4rem;margin:0 0 .25rem}p.lead{color:#4b5563;margin:0 0 1rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{font:inherit;padding:.4rem .5rem;width:18rem;border:1px solid #6b7280;border-radius:4px}
button{font:inherit;margin-top:1rem;padding:.45rem 1.2rem;border:0;border-radius:4px;background:#0b5cad;color:#fff;cursor:pointer}
button.secondary{background:#e5e7eb;color:#1b1f24;margin-left:.5rem}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.error{color:#a40e26;font-weight:600}
table{border-collapse:collapse;margin-top:1.5rem;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e5e7eb}
caption{text-align:left;font-weight:600;padding-bottom:.25rem}
code{font-size:.95em}`

function page(title: string, body: string, script = '') {
  return `<!DOCTYPE html>
<html lang="ru">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main>${script}</body>
</html>`
}

/** The sign-in form, with the demo users it accepts listed below it (a development provider has nothing to hide). */
export function loginPage({
  action,
  users,
  login = '',
  failed = false,
}: {
  action: string
  users: readonly DemoUser[]
  login?: string
  failed?: boolean
}) {
  const rows = users
    .map(
      (user) =>
        `<tr><td>${escapeHtml(user.name)}</td><td>${escapeHtml(user.label)}</td><td><code>${escapeHtml(user.login)}</code></td><td><code>${escapeHtml(user.password)}</code></td></tr>`,
    )
    .join('')
  return page(
    'Вход — Ранняя помощь',
    `<h1>Вход в систему «Ранняя помощь»</h1>
<p class="lead">Учебный поставщик удостоверений (только для разработки и обучения).</p>
${failed ? '<p class="error" role="alert" id="failure">Неверный логин или пароль.</p>' : ''}
<form method="post" action="${escapeHtml(action)}" autocomplete="off">
<label for="login">Логин</label>
<input id="login" name="login" value="${escapeHtml(login)}" required autofocus${failed ? ' aria-describedby="failure"' : ''}>
<label for="password">Пароль</label>
<input id="password" name="password" type="password" required>
<div><button type="submit">Войти</button></div>
</form>
<table><caption>Демонстрационные пользователи</caption>
<thead><tr><th>ФИО</th><th>Роль</th><th>Логин</th><th>Пароль</th></tr></thead><tbody>${rows}</tbody></table>`,
  )
}

/**
 * The end of a sign-in the screens asked for: the person already pressed «Выйти» there, so the provider's form is
 * sent at once; the button stays for a browser that runs no scripts.
 */
export function logoutPage(form: string, nonce: string) {
  return page(
    'Выход — Ранняя помощь',
    `<h1>Выход из системы</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Выйти</button>`,
    `<script nonce="${nonce}">document.getElementById('op.logoutForm').requestSubmit(document.querySelector('button[name=logout]'))</script>`,
  )
}

export function signedOutPage(origin: string | undefined) {
  return page(
    'Выход выполнен — Ранняя помощь',
    `<h1>Вы вышли из системы</h1>${origin ? `<p><a href="${escapeHtml(`${origin}/dashboard`)}">Войти снова</a></p>` : ''}`,
  )
}

export function errorPage(description: string) {
  return page(
    'Ошибка входа — Ранняя помощь',
    `<h1>Не удалось войти</h1><p class="error" role="alert">Поставщик удостоверений отклонил запрос: ${escapeHtml(description)}</p>`,
  )
}
