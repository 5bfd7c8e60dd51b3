import express, { type Express } from 'express'
import { ensureDevKeys, readPrivateKey } from '../../../subgraphs/kit/src/auth/keys.js'
import { createTokenSigner, type TokenSigner } from '../../../subgraphs/kit/src/auth/tokens.js'
import type { HubClaims } from '../../../subgraphs/kit/src/auth/viewer.js'
import type { GatewayConfig } from '../config.js'

export const DEV_SIGN_IN_PATH = '/dev/sign-in'

/** As long as the tokens `npm start` prints: a working day and then some. */
const TTL_SECONDS = 12 * 3600

/**
 * The roles the dashboard's development role picker offers, with the claims an identity provider would give: staff
 * also carry their display name (`name`), as a production identity provider's protocol mapper puts it.
 */
export const DEV_ROLES: readonly { id: string; label: string; claims: HubClaims }[] = [
  {
    id: 'regional-coordinator',
    label: 'Региональный координатор',
    claims: { side: 'regional', role: 'coordinator', name: 'Орлова Марина Сергеевна' },
  },
  {
    id: 'regional-analyst',
    label: 'Аналитик регионального уровня',
    claims: { side: 'regional', role: 'analyst', name: 'Зайцев Денис Андреевич' },
  },
  {
    id: 'social-specialist',
    label: 'Специалист соцзащиты',
    claims: { side: 'social', role: 'specialist', name: 'Кузнецова Ольга Викторовна' },
  },
  {
    id: 'health-specialist',
    label: 'Специалист здравоохранения',
    claims: { side: 'health', role: 'specialist', name: 'Морозов Алексей Игоревич' },
  },
  {
    id: 'education-specialist',
    label: 'Специалист образования',
    claims: { side: 'education', role: 'specialist', name: 'Лебедева Анна Михайловна' },
  },
  {
    id: 'ngo-specialist',
    label: 'Специалист НКО',
    claims: { side: 'ngo', role: 'specialist', name: 'Новикова Екатерина Олеговна' },
  },
  {
    id: 'social-administrator',
    label: 'Администратор соцзащиты',
    claims: { side: 'social', role: 'administrator', name: 'Васильев Павел Николаевич' },
  },
  { id: 'public', label: 'Посетитель (открытые реестры)', claims: { role: 'public' } },
]

/**
 * The development signer behind the role picker: only outside production and only while the gateway trusts the
 * embedded default's development keys, which no deployment does. Anywhere else there is nothing to mount.
 */
export async function openDevSigner(config: Pick<GatewayConfig, 'production' | 'auth'>) {
  const { keys, issuer, audience } = config.auth
  if (config.production || !('devKeysDir' in keys)) return undefined
  const { privateKey } = await ensureDevKeys(keys.devKeysDir, 'idp')
  return createTokenSigner(await readPrivateKey(privateKey), { issuer, audience })
}

/** `GET` lists the roles; `POST {"role": id}` answers `{"token"}` signed for that role. */
export function mountDevSignIn(app: Express, signer: TokenSigner) {
  app.get(DEV_SIGN_IN_PATH, (_req, res) => {
    res.json({ roles: DEV_ROLES.map(({ id, label }) => ({ id, label })) })
  })
  // JSON only: a cross-site form or "simple" request carries no body express.json reads, so it is refused.
  app.post(DEV_SIGN_IN_PATH, express.json({ limit: '1kb' }), async (req, res) => {
    const role = DEV_ROLES.find(({ id }) => id === (req.body as { role?: unknown } | undefined)?.role)
    if (!role) {
      res.status(400).json({ error: `role: must be one of ${DEV_ROLES.map(({ id }) => id).join(', ')}` })
      return
    }
    res.json({ token: await signer.sign(`dev-${role.id}`, role.claims, TTL_SECONDS) })
  })
}
