/**
 * The МКФ-ДП (ICF-CY) categories early help sets its goals on, for the goal picker of the ИПРП form: the hub checks
 * only a code's form (b, s, d or e and 3–5 digits), so the picker offers the categories of the child's everyday
 * functioning that programmes for children 0–3 work on — body functions (b), activities and participation (d) and the
 * environmental factors a family programme changes (e). A code the list lacks can still be typed in full.
 *
 * Source: «Международная классификация функционирования, ограничений жизнедеятельности и здоровья детей и подростков»
 * (МКФ-ДП; WHO, ICF Children and Youth Version, 2007), category titles of its Russian edition, shortened where long.
 */
export interface IcfCategory {
  code: string
  title: string
}

export const ICF_CATEGORIES: readonly IcfCategory[] = [
  { code: 'b114', title: 'Функции ориентированности' },
  { code: 'b117', title: 'Интеллектуальные функции' },
  { code: 'b122', title: 'Глобальные психосоциальные функции' },
  { code: 'b125', title: 'Предрасположенность и внутриличностные функции' },
  { code: 'b126', title: 'Функции темперамента и личностные функции' },
  { code: 'b130', title: 'Волевые и побудительные функции' },
  { code: 'b134', title: 'Функции сна' },
  { code: 'b140', title: 'Функции внимания' },
  { code: 'b144', title: 'Функции памяти' },
  { code: 'b147', title: 'Психомоторные функции' },
  { code: 'b152', title: 'Функции эмоций' },
  { code: 'b156', title: 'Функции восприятия' },
  { code: 'b163', title: 'Базовые когнитивные функции' },
  { code: 'b167', title: 'Умственные функции речи' },
  { code: 'b210', title: 'Функции зрения' },
  { code: 'b230', title: 'Функции слуха' },
  { code: 'b235', title: 'Вестибулярные функции' },
  { code: 'b280', title: 'Ощущение боли' },
  { code: 'b310', title: 'Функции голоса' },
  { code: 'b320', title: 'Функции артикуляции' },
  { code: 'b330', title: 'Функции беглости и ритма речи' },
  { code: 'b510', title: 'Функции приёма пищи (сосание, жевание, глотание)' },
  { code: 'b525', title: 'Функции дефекации' },
  { code: 'b530', title: 'Функции сохранения массы тела' },
  { code: 'b710', title: 'Функции подвижности сустава' },
  { code: 'b730', title: 'Функции мышечной силы' },
  { code: 'b735', title: 'Функции мышечного тонуса' },
  { code: 'b750', title: 'Моторно-рефлекторные функции' },
  { code: 'b755', title: 'Функции непроизвольной двигательной реакции' },
  { code: 'b760', title: 'Контроль произвольных двигательных функций' },
  { code: 'b761', title: 'Спонтанные движения' },
  { code: 'b765', title: 'Непроизвольные двигательные функции' },
  { code: 'b770', title: 'Функции стереотипа походки' },
  { code: 'd110', title: 'Использование зрения' },
  { code: 'd115', title: 'Использование слуха' },
  { code: 'd120', title: 'Другие виды целенаправленного использования органов чувств' },
  { code: 'd130', title: 'Подражание' },
  { code: 'd131', title: 'Обучение через действия с предметами' },
  { code: 'd133', title: 'Овладение языком' },
  { code: 'd135', title: 'Повторение' },
  { code: 'd137', title: 'Овладение понятиями' },
  { code: 'd155', title: 'Приобретение практических навыков' },
  { code: 'd160', title: 'Концентрация внимания' },
  { code: 'd161', title: 'Направление внимания' },
  { code: 'd175', title: 'Решение проблем' },
  { code: 'd210', title: 'Выполнение отдельных задач' },
  { code: 'd230', title: 'Выполнение повседневного распорядка' },
  { code: 'd250', title: 'Управление собственным поведением' },
  { code: 'd310', title: 'Восприятие устных сообщений при общении' },
  { code: 'd315', title: 'Восприятие невербальных сообщений при общении' },
  { code: 'd320', title: 'Восприятие сообщений на языке жестов' },
  { code: 'd330', title: 'Речь' },
  { code: 'd331', title: 'Довербальная вокализация (лепет)' },
  { code: 'd335', title: 'Создание невербальных сообщений' },
  { code: 'd350', title: 'Разговор' },
  { code: 'd360', title: 'Использование средств связи и техник общения' },
  { code: 'd410', title: 'Изменение позы тела' },
  { code: 'd415', title: 'Поддержание положения тела' },
  { code: 'd420', title: 'Перемещение тела' },
  { code: 'd430', title: 'Поднятие и перенос объектов' },
  { code: 'd440', title: 'Использование точных движений кисти' },
  { code: 'd445', title: 'Использование кисти и руки' },
  { code: 'd446', title: 'Использование точных движений стопы' },
  { code: 'd450', title: 'Ходьба' },
  { code: 'd455', title: 'Передвижение способами, отличными от ходьбы (ползание, лазание)' },
  { code: 'd465', title: 'Передвижение с использованием технических средств' },
  { code: 'd510', title: 'Мытьё' },
  { code: 'd520', title: 'Уход за частями тела' },
  { code: 'd530', title: 'Физиологические отправления' },
  { code: 'd540', title: 'Одевание' },
  { code: 'd550', title: 'Приём пищи' },
  { code: 'd560', title: 'Питьё' },
  { code: 'd571', title: 'Забота о своей безопасности' },
  { code: 'd710', title: 'Базовые межличностные взаимодействия' },
  { code: 'd760', title: 'Семейные отношения' },
  { code: 'd815', title: 'Дошкольное образование' },
  { code: 'd816', title: 'Жизнь в дошкольной организации и связанная с ней деятельность' },
  { code: 'd880', title: 'Вовлечённость в игру' },
  { code: 'e115', title: 'Изделия и технологии для личного повседневного использования' },
  { code: 'e120', title: 'Изделия и технологии для передвижения и перевозки' },
  { code: 'e125', title: 'Средства и технологии коммуникации' },
  { code: 'e310', title: 'Семья и ближайшие родственники' },
  { code: 'e410', title: 'Индивидуальные установки семьи и ближайших родственников' },
  { code: 'e575', title: 'Службы, административные системы и политика общей социальной поддержки' },
  { code: 'e580', title: 'Службы, административные системы и политика здравоохранения' },
]

/** The Russian meanings of the qualifiers 0–4 of МКФ-ДП, for baseline, target and review ratings. */
export const ICF_QUALIFIERS: readonly { value: number; label: string }[] = [
  { value: 0, label: '0 — нет проблем (0–4 %)' },
  { value: 1, label: '1 — лёгкие проблемы (5–24 %)' },
  { value: 2, label: '2 — умеренные проблемы (25–49 %)' },
  { value: 3, label: '3 — тяжёлые проблемы (50–95 %)' },
  { value: 4, label: '4 — абсолютные проблемы (96–100 %)' },
]

const normalised = (text: string) => text.toLowerCase().replace(/ё/g, 'е').trim()

/** The categories whose code starts with the query, or whose title holds every word of it. */
export function searchIcf(query: string, limit = 12): IcfCategory[] {
  const words = normalised(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return []
  return ICF_CATEGORIES.filter((category) => {
    if (words.length === 1 && category.code.startsWith(words[0]!)) return true
    const title = normalised(category.title)
    return words.every((word) => title.includes(word))
  }).slice(0, limit)
}

/** The title of a code of the list, or null. */
export function icfTitle(code: string) {
  return ICF_CATEGORIES.find((category) => category.code === code)?.title ?? null
}
