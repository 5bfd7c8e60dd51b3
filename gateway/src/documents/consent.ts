import type { Content } from 'pdfmake/interfaces.js'
import type { ConsentDocumentQuery } from '@hub/schema/operations'
import { BLANK, formatDate, missingPart, printedDocument, signatures, type LayoutContext } from './pdf.js'

type Consent = NonNullable<ConsentDocumentQuery['consent']>

/** The operator of the hub's personal data (152-ФЗ ст. 3 п. 2): who the family gives its consent to. */
export interface Operator {
  name: string
  address: string
}

/** The identity document: the hub keeps none, so its lines are filled in by hand. */
const IDENTITY_DOCUMENT =
  'паспорт: серия ______ № __________ выдан ________________________________ дата выдачи __________'

/** Identity data every consent covers, before the scopes it names. */
const IDENTITY_DATA =
  'фамилия, имя, отчество, дата рождения, пол, СНИЛС, адрес проживания, муниципальное образование ребёнка; фамилия, имя, отчество и контактные данные законного представителя'

const ACTIONS =
  'сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), извлечение, использование, передача (предоставление, доступ) получателю, указанному в пункте 7, обезличивание, блокирование, удаление, уничтожение'

const MEANS =
  'с использованием средств автоматизации (региональная межведомственная информационная система ранней помощи) и без использования таких средств; каждое обращение к сведениям записывается в журнал доступа'

/** The first paragraph of a label is its term, the rest explains it. */
function term(text: string) {
  const [first, ...rest] = text.split(/\n\s*\n/)
  return rest.length > 0 ? `${first} (${rest.join(' ').trim()})` : first!
}

/**
 * The written consent of a child's legal representative to the processing of the child's personal data and their
 * transfer to one recipient for one purpose, with every element 152-ФЗ ст. 9 ч. 4 requires of it.
 */
export function consentDocument(consent: Consent, { errors, described: label, operator, printing }: LayoutContext) {
  const { child, representative } = consent
  const address = missingPart(errors, ['consent', 'child', 'family']) ?? child.family?.address ?? BLANK
  const recipient = consent.recipientProvider
    ? `${consent.recipientProvider.name}${consent.recipientProvider.address ? `, адрес: ${consent.recipientProvider.address}` : ''}`
    : label('ConsentRecipientSide', consent.recipientSide)
  const item = (number: number, title: string, text: string | Content[]): Content => ({
    margin: [0, 0, 0, 6],
    text: [{ text: `${number}. ${title}: `, bold: true }, ...(typeof text === 'string' ? [text] : text)],
  })
  const given = formatDate(String(consent.givenAt))
  return printedDocument(
    'Согласие на обработку персональных данных',
    [
      { text: 'Согласие на обработку и передачу персональных данных', style: 'title' },
      {
        text: 'в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»',
        style: 'subtitle',
      },
      {
        margin: [0, 0, 0, 8],
        text: `Я, ${representative.fullName}, являясь законным представителем (${label('RepresentativeRelation', representative.relation)}) ребёнка ${child.fullName}, ${formatDate(child.birthDate)} г. р., своей волей и в интересах ребёнка даю согласие на обработку его персональных данных и моих персональных данных на следующих условиях.`,
      },
      item(
        1,
        'Субъект персональных данных',
        `${child.fullName}, дата рождения ${formatDate(child.birthDate)}, адрес: ${address}`,
      ),
      item(2, 'Представитель субъекта персональных данных', [
        `${representative.fullName}, адрес: ${address}; документ, удостоверяющий личность, — ${IDENTITY_DOCUMENT}; документ, подтверждающий полномочия законного представителя: ${representative.documentBasis ?? BLANK}`,
      ]),
      item(3, 'Оператор персональных данных', `${operator.name}, адрес: ${operator.address}`),
      item(4, 'Цель обработки', label('AccessPurpose', consent.purpose)),
      item(
        5,
        'Перечень персональных данных',
        `${IDENTITY_DATA}; ${consent.scopes.map((scope) => term(label('ConsentScope', scope))).join('; ')}`,
      ),
      item(6, 'Действия с персональными данными и способы обработки', `${ACTIONS}; ${MEANS}`),
      item(7, 'Получатель, которому передаются персональные данные', recipient),
      item(
        8,
        'Срок действия согласия',
        consent.revokedAt
          ? `с ${given}; отозвано ${formatDate(String(consent.revokedAt))}${consent.revocationNote ? ` (${consent.revocationNote})` : ''}`
          : `с ${given} до достижения цели обработки либо до отзыва согласия`,
      ),
      item(
        9,
        'Порядок отзыва согласия',
        `согласие может быть отозвано в любое время письменным заявлением законного представителя, направленным оператору по адресу: ${operator.address} (часть 2 статьи 9 Федерального закона № 152-ФЗ); с момента регистрации отзыва сведения получателю не передаются.`,
      ),
      item(10, 'Реквизиты документа согласия', consent.document),
      signatures([{ role: 'Законный представитель', name: representative.fullName }]),
    ],
    printing,
  )
}
