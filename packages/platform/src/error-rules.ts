/**
 * The rules an error of the hub can name, by a stable id: every GraphQL error the gateway or a subgraph sends carries
 * one in `extensions.rule`, and the values its text needs in `extensions.params`. The Russian text of each rule is
 * what the screens show (with the field's label where the form knows it); the English `message` beside it is for
 * developers and logs. A text's `{name}` is a parameter: the error helpers (`errors.ts`) require exactly the
 * parameters a rule's text names, so an unknown rule or a missing value does not compile. Parameters named in
 * `PARAM_WORDS` carry a key (`side: 'health'`) that is shown by its Russian word.
 *
 * The module imports nothing: the dashboard renders errors with it too.
 */
export const ERROR_RULES = {
  // The form of a value.
  INVALID_DATE: 'Укажите дату в формате ГГГГ-ММ-ДД',
  INVALID_MOMENT: 'Укажите дату и время',
  INVALID_VALUE: 'Значение не указано или не подходит для этого поля',
  UUID_FORMAT: 'Неверный идентификатор записи',
  REQUIRED_TEXT: 'Заполните поле',
  TEXT_TOO_LONG: 'Не длиннее {max} символов',
  TEXT_LENGTH: 'От {min} до {max} символов',
  CONTROL_CHARACTERS: 'Недопустимый невидимый или управляющий символ (знак № {position})',
  PERSON_NAME: 'Только буквы, а между ними пробелы, дефисы или апострофы',
  PERSON_NUMBER: 'Номер: до 32 букв, цифр и знаков - / . №, хотя бы одна цифра, без пробелов',
  OKTMO_FORMAT: 'Код ОКТМО состоит из 8 цифр',
  UNKNOWN_MUNICIPALITY: 'В регионе нет муниципального образования с кодом ОКТМО {oktmo}',
  SERVICE_CODE_FORMAT: 'Код услуги регионального каталога: от 1 до 64 латинских букв, цифр и знаков _ . -',
  UNKNOWN_SERVICE: 'Услуги с кодом {service} нет в региональном каталоге',
  NUMBER_RANGE: 'Целое число от {min} до {max}',
  NUMBER_AT_LEAST: 'Целое число не меньше {min}',
  QUARTER_HOURS: 'От 0,25 до 24 часов с шагом в четверть часа',
  SNILS_FORMAT: 'СНИЛС состоит из 11 цифр, например 112-233-445 95',
  INN_FORMAT: 'ИНН организации состоит из 10 цифр',
  OGRN_FORMAT: 'ОГРН состоит из 13 цифр',
  CHECK_DIGIT: 'Контрольное число не сходится: проверьте цифры',
  PROVIDER_OGRN_FORMAT: 'ОГРН организации — 13 цифр, ОГРНИП индивидуального предпринимателя — 15 цифр',
  PROVIDER_INN_FORMAT: 'ИНН организации — 10 цифр, ИНН индивидуального предпринимателя — 12 цифр',
  PROVIDER_INN_KIND:
    'ИНН не того вида: у организации (ОГРН из 13 цифр) ИНН из 10 цифр, у предпринимателя (ОГРНИП из 15 цифр) — из 12',
  PROVIDER_INN_DUPLICATE: 'ИНН {inn} уже есть в строке {row}',
  PROVIDER_INN_TAKEN: 'ИНН {inn} в реестре у другого поставщика (ОГРН {ogrn})',
  WEBSITE_FORMAT: 'Адрес сайта: http:// или https:// и имя домена (например, центр-помощи.рф)',
  YES_NO: 'Укажите 1 (да) или 0 (нет)',
  SEARCH_TERM: 'Введите СНИЛС из 11 цифр, начало фамилии, имени или отчества либо дату рождения ДД.ММ.ГГГГ',
  SEARCH_DATE: 'Укажите одну дату рождения, существующую в календаре, в виде ДД.ММ.ГГГГ, например 12.03.2025',
  FAMILY_SEARCH_TERM:
    'Введите начало фамилии, имени или отчества члена семьи или ребёнка, телефон или адрес электронной почты',
  PHONE_FORMAT: 'Российский номер телефона: +7 или 8 и десять цифр, например +7 912 345-67-89',
  EMAIL_FORMAT: 'Адрес электронной почты, например имя@пример.рф',
  ICD10_FORMAT: 'Код МКБ-10: латинская буква, две цифры и, если нужно, точка и одна-две цифры (например, G80.1)',
  ICD10_UNKNOWN: 'Кода {code} нет в справочнике МКБ-10',
  ICF_FORMAT: 'Код МКФ-ДП: буква b, s, d или e и от 3 до 5 цифр (например, d310)',
  ICF_UNKNOWN: 'Кода {code} нет среди действующих кодов справочника МКФ-ДП',
  ICF_ENTRY_CODE: 'Код записи МКФ-ДП: буква b, s, d или e, затем ничего, одна цифра (раздел) или от 3 до 5 цифр',
  ICD10_NOT_IN_FORCE: 'Код {code} МКБ-10 не действовал на {day}: он выведен из действия или введён позже',
  ICD10_ENTRY_CODE: 'Код записи МКБ-10: код вида G80.1 или диапазон вида A00-B99',
  ONE_OF: 'Выберите одно из допустимых значений',
  PAGE_CURSOR: 'Неверная ссылка на следующую страницу; откройте список заново',
  IDEMPOTENCY_KEY_FORMAT: 'Ключ повтора запроса: от 8 до 128 латинских букв, цифр и знаков - _ . :',
  OUTPUT_ONLY: 'Это значение нельзя передавать в запросе',
  ACCESS_PURPOSE: 'Выберите цель доступа',

  // Dictionaries imported from official files.
  REFERENCE_KIND: 'Справочника {kind} нет среди справочников этого ведомства',
  REFERENCE_FILE_FORMAT: 'Файл не читается как выгрузка справочника: {reason}',
  REFERENCE_FILE_EMPTY: 'В файле нет ни одной записи справочника',
  REFERENCE_COLUMN_MISSING: 'В файле нет обязательного столбца {column}',
  REFERENCE_REQUIRED: 'Значение не заполнено',
  REFERENCE_DUPLICATE: 'Код {code} уже есть в строке {row}',
  REFERENCE_PARENT_UNKNOWN: 'Родительской записи {parent} нет в файле',
  REFERENCE_FLAG: 'Признак действия: 1 (действует) или 0 (не действует)',
  CALENDAR_YEAR: 'Год производственного календаря: четыре цифры, от 2000 до 2100',
  CALENDAR_DAY:
    'Значение {value} не число этого месяца: перечислите числа через запятую, со знаком * у сокращённого дня и + у перенесённого выходного',
  CALENDAR_WORKING_DAYS: 'По спискам месяцев рабочих дней {counted}, а в столбце указано {stated}',
  OKTMO_FILE_CODE:
    'Код в файле ОКТМО: код субъекта — 2 цифры, каждая из трёх частей кода муниципального образования — 3 цифры',
  OKTMO_REGIONS:
    'В файле муниципальные образования разных субъектов (коды субъектов {regions}): оставьте строки только своего региона',
  OKTMO_REMOTE: 'Признак отдалённости: 1 (отдалённое), 0 или пусто (не отдалённое)',

  // Dates and periods.
  DATE_IN_FUTURE: 'Дата не может быть позже сегодняшней ({today})',
  DATE_TOO_EARLY: 'Дата не может быть раньше {earliest}',
  DATE_TOO_LATE: 'Дата не может быть позже {latest}',
  DATE_BEFORE_START: 'Дата не может быть раньше даты начала ({start})',
  DATE_BEFORE_LAST_RECORD: 'Дата не может быть раньше последней связанной записи ({last})',
  DATE_AFTER_END: 'Дата не может быть позже даты окончания ({end})',
  DATE_OUTSIDE_YEAR: 'Дата должна приходиться на {year} год',
  PERIOD_REVERSED: 'Конец периода не может быть раньше его начала',
  PERIOD_TOO_LONG: 'Период не может быть длиннее {years} лет',
  WHOLE_REPORTING_PERIOD: 'Аналитикам показатели доступны только за целый месяц, квартал или год',
  CHILD_TOO_OLD: 'Ребёнку должно быть меньше {years} лет; до 8 лет помощь продолжают, если указана причина',

  // Lists.
  LIST_EMPTY: 'Укажите хотя бы одно значение',
  LIST_TOO_LONG: 'Не больше {max} значений',
  LIST_REPEATS: 'Значение повторяет значение № {first}',

  // Records and their states.
  NOT_FOUND: 'Не найдена запись: {record}',
  RECORD_MERGED: 'Запись объединена с другой записью ребёнка; работайте с той записью',
  ALREADY_ENDED: 'Уже завершено {day}',
  STATUS_TRANSITION: 'Такой переход статуса невозможен',
  CHILD_STATUS: 'Статус ребёнка в реестре не позволяет это действие',
  PATHWAY_CLOSED: 'Маршрут ребёнка завершён; сначала зарегистрируйте новый случай',
  NUMBER_TAKEN: 'Запись с таким номером уже есть',

  // The regional catalogue of services.
  SERVICE_EXISTS: 'Услуга с кодом {service} уже есть в региональном перечне',
  SERVICE_RETIRED: 'Услуга {service} исключена из регионального перечня с {day}',
  SERVICE_NOT_YET_INCLUDED: 'Услуга {service} включается в региональный перечень только с {day}',
  EDITION_IN_FORCE: 'Редакция услуги с {day} уже действует; новая редакция может начать действовать со следующего дня',
  LATER_EDITION_EXISTS: 'С {day} запланирована следующая редакция услуги: исключить услугу раньше неё нельзя',

  // Referrals and their clocks.
  PROVIDER_NOT_APPROVED: 'Направления принимают только организации, одобренные в реестре',
  OPEN_REFERRAL_EXISTS: 'У ребёнка уже есть открытое направление',
  REFERRAL_DECIDED: 'Решение по направлению уже принято',
  REFERRAL_NOT_ACCEPTED: 'Нуждаемость определяют по принятому направлению',
  REFERRAL_REJECTED: 'Направление отклонено',
  REFERRAL_OF_OTHER_CHILD: 'Направление относится к другому ребёнку',
  REFERRAL_OF_OTHER_ORGANISATION: 'Направление адресовано другой организации',
  REFERRAL_NEEDS_CONSENT:
    'Для направления в негосударственную организацию нужно действующее согласие семьи на эту организацию; сначала оформите согласие',
  REFERRAL_CONSENT_PURPOSE: 'Направление покрывает согласие с целью ранней помощи или определения нуждаемости',
  NEED_ALREADY_DETERMINED: 'Нуждаемость уже определена {day}',
  NOTE_REQUIRED: 'Поясните причину «Другое»',
  CLOCK_PAUSED: 'Срок уже приостановлен',
  CLOCK_NOT_PAUSED: 'Срок не приостановлен',
  CLOCK_NOT_RUNNING: 'У отклонённого направления нет срока',
  PAUSE_OVERLAPS: 'Приостановка должна начаться после предыдущей, закончившейся {day}',

  // Programmes (ИПРП).
  PROGRAMME_NOT_DRAFT: 'ИПРП уже подписана или закрыта',
  PROGRAMME_NOT_SIGNED: 'Действие возможно только с подписанной ИПРП',
  NO_PROGRAMME_IN_FORCE: 'У ребёнка нет действующей ИПРП',
  REMOTE_NOT_ALLOWED: 'Региональный каталог не допускает дистанционное оказание этой услуги',
  ITEM_OF_OTHER_SIDE: 'Этот пункт ИПРП выполняет другое ведомство',
  PROGRAMME_NOT_IN_FORCE: 'ИПРП закрыта или заменена новой версией',
  LEAD_ASSIGNER:
    'Куратора назначает координатор: соцзащиты или региона — любой ИПРП, координатор организации — ИПРП своей организации',
  LEAD_NOT_PROVIDER_STAFF:
    'Куратором может быть сотрудник организации, ведущей ИПРП (для государственной организации — также специалист органа соцзащиты)',
  LEAD_ALREADY_ASSIGNED: 'Этот сотрудник уже куратор ИПРП',
  STAFF_NEVER_SIGNED_IN: 'Сотрудник ещё не входил в систему; выберите сотрудника из списка',

  // Families, representatives and consents.
  NOT_A_REPRESENTATIVE: 'Нужен законный представитель из семьи ребёнка',
  REPRESENTATION_NOT_IN_FORCE: 'Полномочия представителя не действуют на {day}',
  REPRESENTATIVE_KINSHIP: 'Представителем такого вида может быть только родитель',
  REPRESENTATIVE_TOO_YOUNG: 'Представителю должно быть не меньше {age} лет в первый день полномочий',
  ALREADY_REPRESENTATIVE: 'Член семьи уже законный представитель на этот срок',
  SNILS_ALREADY_SET: 'У ребёнка уже есть СНИЛС',
  SNILS_TAKEN: 'Этот СНИЛС уже у другой записи; объедините записи',
  ORGANISATION_EXISTS: 'Организация с таким ИНН или ОГРН уже есть в реестре',
  CONSENT_ONE_RECIPIENT: 'Укажите одного получателя: ведомство или организацию',
  CONSENT_REVOKED: 'Согласие уже отозвано',
  CRITERION_FROM_FAMILY_DECISION: 'Этот критерий устанавливается и снимается решением о положении семьи',

  // Merging records.
  MERGE_SAME_RECORD: 'Запись нельзя объединить с самой собой',
  MERGE_BIRTH_DATES: 'У записей разные даты рождения: это разные дети',
  MERGE_SNILS: 'У записей разные СНИЛС: это разные дети',
  MERGE_ORDER: 'Оставьте запись, продвинувшуюся дальше по маршруту: поменяйте записи местами',
  MERGE_FINDING_MISMATCH: 'Найденный возможный дубль относится к другим записям',
  FINDING_RESOLVED: 'Возможный дубль уже рассмотрен',
  MERGE_BOTH_PROGRAMMES: 'У обеих записей есть ИПРП; закройте одну и сохраните её историю до объединения',
  MERGE_RECORD_CLASH: 'У обоих детей есть запись, которая может быть только одна; разберите её до объединения',
  MERGE_UNDONE: 'Объединение уже отменено',
  MERGE_LATER_FIRST: 'Сначала отмените более позднее объединение',
  MERGE_OF_OTHER_CHILDREN: 'Объединение записано для других детей',

  // Each side's own records.
  SCREENING_RESULT_REQUIRED: 'Для скрининга укажите результат',
  OBSERVATION_EXISTS: 'Ребёнок уже под диспансерным наблюдением по этому диагнозу у этого специалиста',
  CANCELLATION_REASON_REQUIRED: 'Укажите причину: занятие не состоялось',
  CANCELLATION_REASON_FORBIDDEN: 'Причину отмены указывают, только если занятие не состоялось',
  SPECIALIST_OF_OTHER_PROVIDER: 'Специалист работает в другой организации',
  SPECIALIST_NOT_EMPLOYED: 'Специалист не работал в организации {day}',
  SPECIALIST_ROLE_MISMATCH: 'Должность не совпадает с должностью выбранного специалиста',
  PROVIDER_OF_OTHER_SIDE: 'Специалистов этой организации ведёт другое ведомство',
  SPECIAL_CONDITIONS_REQUIRED: 'Укажите хотя бы одно специальное условие',
  ADAPTED_NEEDS_CONDITIONS: 'Адаптированная программа назначается только ребёнку, которому нужны специальные условия',
  ADAPTED_GROUP_NEEDS_PMPK: 'Для группы этого вида нужно заключение ПМПК с адаптированной программой',
  APPLICATION_IN_FORCE: 'У ребёнка уже есть действующее заявление в детский сад',
  KINDERGARTEN_CLOSED: 'Детский сад закрыт с {day}: направлять в него нельзя',
  EARLY_HELP_UNIT_NOT_OPEN: 'Подразделение ранней помощи в этот день не работало: открыто {opened}, закрыто {closed}',
  KINDERGARTEN_CODE: 'Код организации, группы или подразделения: от 1 до 32 букв, цифр и знаков . _ -, без «/»',
  KINDERGARTEN_MISMATCH:
    'Организация {code} в строке {row} описана иначе: наименование, ОКТМО и адрес одинаковы во всех её строках',
  KINDERGARTEN_GROUP_AGE: 'Возраст в годах от 0 до 8 с шагом в месяц (например, 1,5); возраст «с» меньше возраста «до»',
  KINDERGARTEN_GROUP_FOCUS:
    'Направленность группы: общеразвивающая, компенсирующая, комбинированная или оздоровительная',
  KINDERGARTEN_GROUP_PLACES: 'Число мест в группе: целое от 1 до 500',
  EARLY_HELP_UNIT_KIND_NAME:
    'Форма: консультационный пункт, лекотека, группа кратковременного пребывания или служба ранней помощи',
  EARLY_HELP_UNIT_DATE: 'Дата открытия в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, существующая в календаре',
  EARLY_HELP_UNIT_KINDERGARTEN:
    'Детского сада с кодом {code} нет среди действующих: сначала загрузите справочник детских садов',
  APPLICATION_STATUS: 'Состояние заявления не позволяет это действие',
  ALREADY_PARTICIPATES: 'Семья уже участвует в этой группе',
  ACTIVITY_OF_VOLUNTEER: 'Волонтёр не занимается этим видом деятельности',

  // Child-find signals between the sides.
  SIGNAL_DECIDED: 'Сигнал уже рассмотрен',
  SIGNAL_OF_OTHER_SIDE: 'Такой сигнал направляет другое ведомство',
  SIGNAL_CRITERION: 'Этот вид сведений предлагает другой критерий',
  SIGNAL_ID_TAKEN: 'Сигнал с этим идентификатором уже получен от другого ведомства',
  SIGNAL_SENDER: 'Сигналы выявления направляют только подграфы здравоохранения и образования',
  // Events for ministry systems.
  WEBHOOK_URL:
    'Адрес вебхука: полный адрес https://… без имени и пароля (http:// — только в разработке), до 2000 символов',
  REPLAY_TARGET: 'Укажите либо недоставленные события, либо подписку, все недоставленные события которой повторить',
  // Signed scans.
  ATTACHMENT_TYPE: 'Файл должен быть PDF, JPEG или PNG: загруженный файл — {detected}',
  ATTACHMENT_SIZE: 'Размер файла больше {max} МБ',
  ATTACHMENT_ENCODING: 'Содержимое файла передано неверно; выберите файл заново',
  ATTACHMENT_KIND: 'Скан документа этого вида прикрепляется в другом ведомстве',
  ATTACHMENT_RECORD: 'Скан документа этого вида не прикрепляется к этой записи',

  // Registries brought in from a region's file.
  IMPORT_DATE: 'Укажите дату в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, существующую в календаре',
  IMPORT_VALUE: 'Значение не из списка; допустимо: {allowed}',
  IMPORT_STATUS:
    'Из файла ставится статус «Потенциально нуждающийся в ранней помощи» или «Выбыл»; остальные ставит маршрут ранней помощи',
  IMPORT_NEEDS_REPRESENTATIVE: 'Укажите фамилию и имя члена семьи: без них сведения о семье не вносятся',
  IMPORT_BATCH_ORDER: 'Загружено {done} строк файла; продолжите с {next}-й строки',
  IMPORT_FINISHED: 'Импорт этого файла уже завершён',
  IMPORT_PROVIDER_CODE: 'Укажите ОГРН (13 цифр) или ИНН (10 цифр) организации из реестра поставщиков',
  IMPORT_PROVIDER_UNKNOWN: 'В реестре поставщиков нет организации с ОГРН или ИНН {code}',
  IMPORT_NUMBER: 'Укажите целое число',
  IMPORT_PROGRAMME_NEEDS_REFERRAL:
    'ИПРП вносится по принятому направлению: заполните столбцы направления и дату, когда поставщик его принял',

  // Municipal boundaries from a GeoJSON file: each names the feature's ОКТМО and, for a ring, which one.
  BOUNDARY_FILE: 'Границы загружаются из файла GeoJSON: коллекции объектов с кодом ОКТМО в свойствах каждого',
  BOUNDARY_GEOMETRY:
    'Граница {oktmo}: геометрия должна быть многоугольником или набором многоугольников с координатами [долгота, широта]',
  BOUNDARY_RING_OPEN: 'Граница {oktmo}, {ring}: контур не замкнут — последняя точка должна совпадать с первой',
  BOUNDARY_RING_SHORT: 'Граница {oktmo}, {ring}: в замкнутом контуре не меньше 4 точек',
  BOUNDARY_COORDINATES: 'Граница {oktmo}, {ring}, точка {point}: долгота от −180 до 180, широта от −90 до 90',
  BOUNDARY_SELF_INTERSECTION:
    'Граница {oktmo}, {ring}: контур пересекает или касается сам себя (отрезки {first} и {second})',
  BOUNDARY_HOLE_OUTSIDE: 'Граница {oktmo}, {ring}: отверстие выходит за внешний контур своего полигона',
  BOUNDARY_OVERLAP:
    'Граница {oktmo} перекрывает границу {other} (строка {otherRow}) на {percent} % площади меньшей из них; допустимо до {tolerance} %',
  BOUNDARY_MISSING: 'Нет границы муниципального образования {oktmo} «{name}»: файл должен покрывать весь регион',

  // Reports.
  UNKNOWN_REPORT: 'Нет поданного отчёта с этими показателями',
  REPORT_FIGURES_MISSING: 'В поданном отчёте нет этих сведений',
  QUARTER_NOT_ENDED: 'Квартал ещё не закончился: отчёт можно подать со следующего дня после {day}',
  REPORT_BEING_FILED: 'Отчёт за этот квартал сейчас подаётся другим запросом; повторите попытку',

  // Who may do what.
  CATEGORY_FORBIDDEN: 'Вашей роли недоступны {category}',
  NOT_REFERRED: 'Сведения ({category}) открыты только по детям, направленным в вашу организацию',
  CONSENT_REQUIRED: 'Нужно согласие законного представителя на передачу вам сведений: {category}',
  COHORT_TOO_SMALL: 'Список меньше чем из {min} детей не показывается аналитикам и организациям',
  NAMED_LIST_FORBIDDEN:
    'Поимённый список детей открыт только тем, кто видит сведения о любом ребёнке реестра; вам доступен обезличенный',
  ROLE_FORBIDDEN: 'Вашей роли это действие недоступно',
  OWN_ORGANISATION_ONLY: 'Можно указать только свою организацию',
  CATALOGUE_EDITOR: 'Региональный перечень услуг изменяют администратор соцзащиты и региональный координатор',
  STAFF_OF_OWN_ORGANISATION: 'Сотрудники организации видны её сотрудникам и координаторам соцзащиты и региона',
  CASELOADS_COORDINATOR:
    'Нагрузку специалистов видят координаторы: соцзащиты и региона — любой организации, координатор организации — своей',
  OWN_SIDE_ONLY: 'Можно указать только своё ведомство',
  SIDE_REQUIRED: 'Региональный координатор действует от имени ведомства: укажите его',
  SENDER_REQUIRED: 'Укажите организацию-отправителя',
  GATEWAY_ONLY: 'Эти сведения передаются только между службами центра',
  TOKEN_REQUIRED: 'Войдите в систему',
  TOKEN_INVALID: 'Сеанс истёк или недействителен; войдите снова',

  // Repeated requests and the hub's limits.
  IDEMPOTENCY_KEY_REUSED: 'Ключ повтора уже использован для другого запроса; отправьте запрос заново',
  IDEMPOTENT_RESULT_GONE: 'Запись, созданная первым запросом с этим ключом, больше не существует',
  LIMIT_EXCEEDED: 'Запрос слишком велик или сложен; запросите меньше сведений',
  RATE_LIMITED: 'Слишком много запросов; повторите через {seconds} с',
  STATEMENT_TIMEOUT: 'Запрос выполнялся слишком долго и остановлен; сократите период или число строк',
  REQUEST_ABANDONED: 'Запрос был прерван; повторите его',
  MALFORMED_REQUEST: 'Запрос составлен неверно',
  INTERNAL: 'Внутренняя ошибка; сообщите администратору',

  // Sides that do not answer.
  SUBGRAPH_UNAVAILABLE: 'Сведения ведомства «{side}» сейчас недоступны; попробуйте позже',
  DATABASE_UNAVAILABLE: 'База данных ведомства «{side}» сейчас недоступна; попробуйте позже',
  GRANTS_UNAVAILABLE: 'Сейчас нельзя проверить согласия и направления, поэтому сведения закрыты; попробуйте позже',
} as const

export type ErrorRule = keyof typeof ERROR_RULES

/** The words a parameter's key stands for: a side, a category of the access policies, a kind of record. */
export const PARAM_WORDS = {
  side: {
    social: 'Социальная защита',
    health: 'Здравоохранение',
    education: 'Образование',
    ngo: 'Негосударственные организации',
  },
  category: {
    identity: 'личные данные ребёнка',
    criteria: 'критерии целевой группы',
    family: 'сведения о семье',
    programme: 'направления и ИПРП',
    sessions: 'занятия',
    health: 'медицинские сведения',
    pmpk: 'заключения ПМПК',
    education: 'сведения системы образования',
    aggregates: 'сводные показатели',
    staff: 'кадровый состав',
    reference: 'справочники',
    publicRegistry: 'публичный реестр поставщиков и каталог услуг',
    audit: 'журнал доступа',
  },
  record: {
    child: 'ребёнок',
    family: 'семья',
    'family member': 'член семьи',
    'legal representative': 'законный представитель',
    contact: 'контакт семьи',
    'family situation': 'положение семьи',
    consent: 'согласие',
    criterion: 'критерий',
    provider: 'организация',
    'service type': 'услуга каталога',
    referral: 'направление',
    programme: 'ИПРП',
    'programme service': 'пункт ИПРП',
    merge: 'объединение записей',
    'possible duplicate': 'возможный дубль',
    specialist: 'специалист',
    'rehabilitation episode': 'курс реабилитации',
    'dispensary observation': 'диспансерное наблюдение',
    'early-help unit': 'подразделение ранней помощи',
    'preschool application': 'заявление в детский сад',
    kindergarten: 'детский сад',
    'parent group': 'родительская группа',
    'parent group participation': 'участие в родительской группе',
    volunteer: 'волонтёр',
    report: 'отчёт',
    'child-find signal': 'сигнал выявления',
    'webhook subscription': 'подписка на события',
    'pmpk conclusion': 'заключение ПМПК',
    attachment: 'прикреплённый файл',
    'registry import': 'импорт реестра',
  },
} as const

export type Side = keyof (typeof PARAM_WORDS)['side']
export type Category = keyof (typeof PARAM_WORDS)['category']
export type RecordKind = keyof (typeof PARAM_WORDS)['record']

type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never

/** The parameters a rule's text names. */
export type RuleParamName<R extends ErrorRule> = Placeholders<(typeof ERROR_RULES)[R]>

type ParamValue<Name extends string> = Name extends keyof typeof PARAM_WORDS
  ? keyof (typeof PARAM_WORDS)[Name]
  : string | number

/** The values a rule's text needs, each by its name. */
export type RuleParams<R extends ErrorRule> = { [Name in RuleParamName<R>]: ParamValue<Name> }

export function isErrorRule(value: unknown): value is ErrorRule {
  return typeof value === 'string' && Object.hasOwn(ERROR_RULES, value)
}

/** The names in `{…}` of a rule's text, in order. */
export function ruleParamNames(rule: ErrorRule): string[] {
  return [...ERROR_RULES[rule].matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!)
}

/** A calendar day as the screens write it in Russian: `2026-12-07` → `07.12.2026`. */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

function word(name: string, value: unknown) {
  const day = typeof value === 'string' ? ISO_DAY.exec(value) : null
  if (day) return `${day[3]}.${day[2]}.${day[1]}`
  const words: Readonly<Record<string, string>> | undefined = (PARAM_WORDS as Record<string, Record<string, string>>)[
    name
  ]
  const key = String(value)
  return words && Object.hasOwn(words, key) ? words[key]! : key
}

/**
 * A rule's Russian text with its parameters filled in (a parameter with words shown by its word); a parameter the
 * error did not carry stays `undefined` so that the caller can fall back to the code's text.
 */
export function renderRule(rule: ErrorRule, params: Readonly<Record<string, unknown>> = {}): string | undefined {
  let missing = false
  const text = ERROR_RULES[rule].replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined || value === null) missing = true
    return word(name, value)
  })
  return missing ? undefined : text
}
