/**
 * The default sales roles and their rubrics, in every supported language. This is the product's
 * opinion (see the source essay): integrity and culture fit are knockouts for every role; sales
 * DNA, process focus and commitment to the vision weigh more than track record; the VP Sales
 * rubric is about proven management, not individual selling.
 */
export const ROLE_KEYS = ['sdr_outbound', 'sdr_inbound', 'ae', 'farmer', 'vp_sales'] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

export interface LocalizedText {
  readonly en: string;
  readonly ru: string;
}

export type DimensionGroup = 'core' | 'role';
/** Tags the top-closer-trap rule reads: strong individual selling with weak management. */
export type DimensionTrait = 'individual_selling' | 'management';

export interface DefaultRole {
  readonly key: RoleKey;
  readonly name: LocalizedText;
  /** What the role does, two or three sentences. */
  readonly summary: LocalizedText;
  /** Who they hand work to (and receive it from). */
  readonly handsOffTo: LocalizedText;
  /** The usual pay model from the source essay. */
  readonly payModel: LocalizedText;
  /** Shown on the rubric page: why this rubric looks the way it does. */
  readonly rubricNote: LocalizedText;
}

export interface DefaultDimension {
  /** Stable slug, unique within a rubric: lowercase letters, digits, underscores. */
  readonly key: string;
  readonly group: DimensionGroup;
  readonly name: LocalizedText;
  /** What it measures, one or two sentences. */
  readonly description: LocalizedText;
  /** 0–10. */
  readonly weight: number;
  readonly knockout: boolean;
  /** Mean below this marks the candidate below bar (knockouts only), e.g. 2.5. */
  readonly threshold: number | null;
  readonly trait: DimensionTrait | null;
  /** Behavioural anchors for 1 = strong no, 2 = no, 3 = yes, 4 = strong yes. */
  readonly anchors: readonly [LocalizedText, LocalizedText, LocalizedText, LocalizedText];
  /** Suggested interview questions or role-play prompts. */
  readonly questions: readonly LocalizedText[];
}

/* ------------------------------------------------------------------------------------------------
 * Default roles
 * ---------------------------------------------------------------------------------------------- */

export const DEFAULT_ROLES: readonly DefaultRole[] = [
  {
    key: 'sdr_outbound',
    name: { en: 'SDR – outbound', ru: 'SDR – исходящие продажи' },
    summary: {
      en: 'Proactively finds prospects who match the ideal customer profile — through email campaigns, LinkedIn search and calls — starts the conversation and qualifies them. Their output is a steady, predictable flow of qualified leads, not closed deals.',
      ru: 'Сам находит потенциальных клиентов, подходящих под профиль идеального клиента, — через email-рассылки, поиск в LinkedIn и звонки, — выходит с ними на контакт и квалифицирует. Результат его работы — стабильный, предсказуемый поток квалифицированных лидов, а не закрытые сделки.',
    },
    handsOffTo: {
      en: 'Hands qualified leads, with everything learned during qualification, to the Account Executives (closers). Receives the target customer profile and account lists from the sales leader and marketing.',
      ru: 'Передаёт квалифицированных лидов вместе со всем, что удалось выяснить при квалификации, менеджерам по продажам (AE). Профиль целевого клиента и списки компаний получает от руководителя продаж и маркетинга.',
    },
    payModel: {
      en: 'Base salary plus a bonus for each qualified lead generated.',
      ru: 'Оклад плюс бонус за каждого сгенерированного квалифицированного лида.',
    },
    rubricNote: {
      en: 'Integrity and culture fit are knockouts: an SDR is often the first person from the company a prospect ever talks to, and a bonus paid per qualified lead rewards inflating the numbers. The role dimensions score the job itself — finding the right prospects, keeping going through rejection, qualifying honestly and writing outreach people answer. Track record weighs little: many strong SDRs come from other fields, and sales DNA and attention to process predict success better than experience.',
      ru: 'Честность и соответствие культуре — стоп-факторы: SDR часто первым из компании говорит с потенциальным клиентом, а бонус за каждого квалифицированного лида подталкивает к накручиванию цифр. Критерии роли оценивают саму работу — поиск нужных клиентов, умение держать удар при отказах, честную квалификацию и письма, на которые отвечают. Опыт весит мало: многие сильные SDR приходят из других сфер, а ДНК продаж и внимание к процессу предсказывают успех лучше, чем стаж.',
    },
  },
  {
    key: 'sdr_inbound',
    name: { en: 'SDR – inbound', ru: 'SDR – входящие заявки' },
    summary: {
      en: 'Qualifies people who come to the company on their own — site sign-ups, newsletter subscribers, direct calls. Responds fast, finds out who is a real buying opportunity, and routes every contact to the right next step.',
      ru: 'Квалифицирует тех, кто сам пришёл в компанию: зарегистрировался на сайте, подписался на рассылку, позвонил напрямую. Быстро отвечает, выясняет, за кем стоит реальная сделка, и направляет каждое обращение туда, где им займутся.',
    },
    handsOffTo: {
      en: 'Receives inbound leads from the website, marketing and the phone line. Hands qualified leads to the Account Executives, existing customers to Customer Success and product questions to support.',
      ru: 'Получает входящие заявки с сайта, от маркетинга и по телефону. Квалифицированных лидов передаёт менеджерам по продажам (AE), действующих клиентов — в Customer Success, вопросы по работе продукта — в поддержку.',
    },
    payModel: {
      en: 'Base salary plus a bonus for each qualified lead generated.',
      ru: 'Оклад плюс бонус за каждого сгенерированного квалифицированного лида.',
    },
    rubricNote: {
      en: 'Inbound interest cools off within hours, so the speed and quality of the first response is scored on its own. Qualification and routing decide whether closers spend their time on real opportunities and whether everyone else still gets a good answer. Integrity and culture fit are knockouts in every sales rubric; track record weighs little, because attention to process and care for the person on the other end predict success better than years of experience.',
      ru: 'Интерес входящего лида остывает за считаные часы, поэтому скорость и качество первого ответа оцениваются отдельно. От квалификации и маршрутизации зависит, тратят ли менеджеры по продажам время на реальные сделки и получают ли все остальные внятный ответ. Честность и соответствие культуре — стоп-факторы в любой роли в продажах; опыт весит мало, потому что внимание к процессу и забота о человеке на том конце провода предсказывают успех лучше, чем стаж.',
    },
  },
  {
    key: 'ae',
    name: { en: 'Account Executive', ru: 'Менеджер по продажам (AE)' },
    summary: {
      en: 'Closes the qualified leads that SDRs generate: runs discovery, demos and proposals, negotiates and gets the contract signed. Owns their pipeline and forecast, and sets each new customer up for success.',
      ru: 'Закрывает квалифицированных лидов, которых приводят SDR: проводит встречи по выявлению потребностей и демонстрации, готовит коммерческие предложения, ведёт переговоры и доводит сделку до подписания. Отвечает за свою воронку и прогноз и закладывает основу успеха каждого нового клиента.',
    },
    handsOffTo: {
      en: 'Receives qualified leads from SDRs (outbound and inbound). Hands each new customer, with everything learned during the sale, to Customer Success (farmers).',
      ru: 'Получает квалифицированных лидов от SDR (исходящих и входящих). Каждого нового клиента вместе со всем, что стало известно в ходе сделки, передаёт в Customer Success (фермерам).',
    },
    payModel: {
      en: 'Base salary plus commission on closed deals.',
      ru: 'Оклад плюс комиссия с закрытых сделок.',
    },
    rubricNote: {
      en: 'Many of the best sales teams are built from young, previously inexperienced closers: sales DNA, attention to process and commitment to the company’s vision matter more than years of experience, so track record weighs little here. The role dimensions score the closing job itself — discovery, closing and negotiation, pipeline discipline and a clean handoff to the farmers. Integrity and culture fit are knockouts: a closer who wins by overpromising creates churn that the farmers inherit. Hire AEs once there is a predictable flow of leads and farmers to look after customers; until then, the founder closes.',
      ru: 'Многие из лучших отделов продаж собраны из молодых менеджеров, которые раньше не закрывали сделки: ДНК продаж, внимание к процессу и приверженность видению компании значат больше, чем стаж, поэтому опыт здесь весит мало. Критерии роли оценивают саму работу по закрытию — выявление потребностей, закрытие и переговоры, дисциплину в воронке и аккуратную передачу клиента фермерам. Честность и соответствие культуре — стоп-факторы: менеджер, который закрывает сделки обещаниями, оставляет фермерам отток клиентов. Нанимайте AE, когда уже есть предсказуемый поток лидов и фермеры, которые заботятся о клиентах; до тех пор сделки закрывает основатель.',
    },
  },
  {
    key: 'farmer',
    name: { en: 'Customer Success (farmer)', ru: 'Customer Success (фермер)' },
    summary: {
      en: 'Looks after existing customers: makes sure they get real value from the product, secures renewals and grows the accounts. Is the open feedback channel from customers back to the company and its product team.',
      ru: 'Работает с действующими клиентами: следит, чтобы они получали от продукта реальную пользу, добивается продлений и развивает аккаунты. Это открытый канал обратной связи от клиентов к компании и команде продукта.',
    },
    handsOffTo: {
      en: 'Receives new customers from the Account Executives. Brings customer feedback, feature requests and churn reasons to the product team and leadership.',
      ru: 'Принимает новых клиентов от менеджеров по продажам (AE). Передаёт отзывы клиентов, запросы на доработки и причины оттока команде продукта и руководству.',
    },
    payModel: {
      en: 'Base salary plus a fixed quarterly bonus based on retention, or base salary plus commission on account growth.',
      ru: 'Оклад плюс фиксированный ежеквартальный бонус за удержание клиентов либо оклад плюс комиссия с роста выручки по аккаунтам.',
    },
    rubricNote: {
      en: 'It is easy to over-invest in winning new customers at the expense of existing ones; this rubric guards the other side of the balance. It scores empathy, retention and account growth — and, just as much, whether the candidate carries what customers say back to the product team. A farmer is one of the first sales hires, together with an SDR, while the founder still closes. Integrity and culture fit are knockouts; track record weighs little.',
      ru: 'Очень легко увлечься привлечением новых клиентов в ущерб тем, кто уже с вами; эта рубрика защищает другую сторону баланса. Она оценивает эмпатию, удержание и развитие клиентов — и в той же мере готовность доносить голос клиента до команды продукта. Фермер — один из первых наймов в продажи вместе с SDR, пока сделки закрывает основатель. Честность и соответствие культуре — стоп-факторы; опыт весит мало.',
    },
  },
  {
    key: 'vp_sales',
    name: { en: 'VP Sales', ru: 'Руководитель отдела продаж (VP Sales)' },
    summary: {
      en: 'Builds and runs the sales team and the pipeline: hires and coaches SDRs, AEs and farmers, sets up a repeatable sales process, and produces a forecast the company can plan on. Works with product, marketing and finance as part of the leadership team.',
      ru: 'Строит отдел продаж и руководит им, управляет воронкой: нанимает и развивает SDR, AE и фермеров, выстраивает воспроизводимый процесс продаж и даёт прогноз, на который компания может опираться. Работает с продуктом, маркетингом и финансами как член команды руководителей.',
    },
    handsOffTo: {
      en: 'Reports to the CEO or founder and manages the SDRs, AEs and farmers. Receives targets and strategy from the leadership team, and gives back a forecast, a hiring plan and what the market is saying.',
      ru: 'Подчиняется CEO или основателю и руководит SDR, AE и фермерами. Получает цели и стратегию от команды руководителей, а взамен даёт прогноз, план найма и обратную связь с рынка.',
    },
    payModel: {
      en: 'Typically base salary plus a bonus on team targets (new revenue, pipeline, retention). The source essay does not specify pay for this role.',
      ru: 'Обычно оклад плюс бонус за выполнение целей команды (новая выручка, воронка, удержание). В исходном эссе оплата этой роли не описана.',
    },
    rubricNote: {
      en: 'This rubric is deliberately separate from the Account Executive rubric. The best individual closer is rarely the best manager: leading a team and managing a pipeline share little with closing single deals. Hire proven management experience — hiring, coaching, forecasting and building a repeatable process — rather than promoting or hiring the top closer by default. Individual selling is scored but weighs little, and a candidate who shines at it while falling short on the management dimensions is flagged. Integrity and culture fit remain knockouts.',
      ru: 'Эта рубрика намеренно отделена от рубрики менеджера по продажам (AE). Лучший продавец редко оказывается лучшим руководителем: руководство командой и управление воронкой имеют мало общего с закрытием отдельных сделок. Ищите доказанный управленческий опыт — найм, развитие людей, прогнозирование, построение воспроизводимого процесса, — а не повышайте и не нанимайте по умолчанию лучшего продавца. Личные продажи оцениваются, но весят мало, а кандидат, который блистает в них, но не дотягивает по управленческим критериям, отмечается. Честность и соответствие культуре по-прежнему стоп-факторы.',
    },
  },
];

/* ------------------------------------------------------------------------------------------------
 * Core dimensions: scored in every sales rubric
 * ---------------------------------------------------------------------------------------------- */

export const CORE_DIMENSIONS: readonly DefaultDimension[] = [
  {
    key: 'integrity',
    group: 'core',
    name: { en: 'Integrity', ru: 'Честность и порядочность' },
    description: {
      en: 'Whether the candidate tells the truth to customers, colleagues and the company — including when the truth costs them a deal, a commission or the credit. Scored on concrete past behaviour and on how they handle ethical pressure in the role-play.',
      ru: 'Говорит ли кандидат правду клиентам, коллегам и компании — в том числе когда правда стоит ему сделки, комиссии или признания заслуг. Оценивается по конкретным примерам из прошлого и по тому, как кандидат ведёт себя под этическим давлением в ролевой игре.',
    },
    weight: 3,
    knockout: true,
    threshold: 2.5,
    trait: null,
    anchors: [
      {
        en: 'Misrepresents facts, takes credit for team results, or suggests bending the truth to close (e.g. promising a feature that does not exist or backdating a contract). Inconsistencies between the CV, the answers and the references go unexplained.',
        ru: 'Искажает факты, приписывает себе результаты команды или предлагает «немного приукрасить», чтобы закрыть сделку (например, пообещать несуществующую функцию или подписать договор задним числом). Расхождения между резюме, ответами и рекомендациями остаются без объяснений.',
      },
      {
        en: 'Answers questions about ethical pressure only in general or hypothetical terms and cannot name a time they chose honesty over a result. Blames others for lost deals and missed targets, or treats padding the forecast and shading the truth as “how sales works”.',
        ru: 'На вопросы об этическом давлении отвечает общими словами или гипотетически и не может привести случай, когда выбрал честность в ущерб результату. Винит других в проигранных сделках и невыполненном плане или считает приукрашенный прогноз и полуправду «нормой в продажах».',
      },
      {
        en: 'Gives a specific, checkable example of telling a customer or manager an uncomfortable truth. Owns their own mistakes and misses without being prompted, and credits colleagues accurately.',
        ru: 'Приводит конкретный, проверяемый пример, когда сказал клиенту или руководителю неудобную правду. Без подсказки признаёт свои ошибки и промахи и честно отмечает вклад коллег.',
      },
      {
        en: 'Volunteers an example of walking away from a deal or correcting a customer’s misunderstanding at a cost to themselves, or of challenging a manager or peer who was cutting corners. The story holds up under follow-up questions and matches what references say.',
        ru: 'Сам рассказывает, как отказался от сделки или исправил заблуждение клиента себе в убыток либо остановил руководителя или коллегу, который срезал углы. История выдерживает уточняющие вопросы и совпадает с тем, что говорят рекомендатели.',
      },
    ],
    questions: [
      {
        en: 'Tell me about a deal you lost or gave up because closing it would have meant misleading the customer. What exactly did you say, and what happened next?',
        ru: 'Расскажите о сделке, которую вы потеряли или от которой отказались, потому что для её закрытия пришлось бы ввести клиента в заблуждение. Что именно вы сказали и что было дальше?',
      },
      {
        en: 'Tell me about a quarter when you missed your number. What did you tell your manager, and when did you tell them?',
        ru: 'Расскажите о квартале, когда вы не выполнили план. Что вы сказали руководителю и в какой момент?',
      },
      {
        en: 'Role-play: the prospect will sign today if you confirm a feature that is on the roadmap with no date. The interviewer plays the prospect — respond.',
        ru: 'Ролевая игра: клиент готов подписать договор сегодня, если вы подтвердите функцию, которая есть в планах, но без сроков. Интервьюер играет клиента — ответьте ему.',
      },
      {
        en: 'Describe a time a manager or colleague asked you to do something with a customer or with the numbers that you thought was wrong. What did you do?',
        ru: 'Вспомните случай, когда руководитель или коллега попросил вас сделать что-то с клиентом или с цифрами, что вы считали неправильным. Как вы поступили?',
      },
    ],
  },
  {
    key: 'culture_mission',
    group: 'core',
    name: { en: 'Culture & mission fit', ru: 'Соответствие культуре и миссии' },
    description: {
      en: 'Whether the candidate shares how we work and is committed to the company’s vision and to our customers, not only to the commission. Looks for evidence that they understand what we are building and why it matters, and would hold to our values when it is inconvenient.',
      ru: 'Разделяет ли кандидат наш подход к работе и привержен ли видению компании и её клиентам, а не только комиссии. Ищем свидетельства того, что он понимает, что мы строим и зачем это клиентам, и будет держаться наших ценностей, даже когда это неудобно.',
    },
    weight: 3,
    knockout: true,
    threshold: 2.5,
    trait: null,
    anchors: [
      {
        en: 'Knows little or nothing about the company, the product or its customers, and talks about the job only in terms of money, title or getting away from their current employer. Speaks about customers or colleagues with contempt, or dismisses values the team states as non-negotiable.',
        ru: 'Почти ничего не знает о компании, продукте и клиентах и говорит о работе только в категориях денег, должности или желания уйти с нынешнего места. Отзывается о клиентах или коллегах пренебрежительно либо отвергает ценности, которые команда называет обязательными.',
      },
      {
        en: 'Has read the website but cannot say in their own words what problem we solve, for whom, or where the company is heading. What motivates them and how they like to work clash with how the team actually works (e.g. wants to sell alone in a team that shares leads and deals).',
        ru: 'Читал сайт, но не может своими словами объяснить, какую проблему мы решаем, для кого и куда движется компания. Мотивация и привычный стиль работы расходятся с тем, как на самом деле работает команда (например, хочет продавать в одиночку там, где лиды и сделки общие).',
      },
      {
        en: 'Explains our mission, our customers and the company’s vision accurately in their own words and connects them to something they care about. Gives examples of working in ways that match our values, such as sharing leads, helping teammates or putting the customer’s outcome first.',
        ru: 'Точно и своими словами объясняет нашу миссию, наших клиентов и видение компании и связывает их с тем, что важно ему самому. Приводит примеры работы в духе наших ценностей: делился лидами, помогал коллегам, ставил результат клиента на первое место.',
      },
      {
        en: 'Has done real homework — tried the product, spoken to a user, read about the market — and brings an informed view or question about our vision and their part in it. Gives concrete examples of putting the team’s or the mission’s interest above their own short-term gain, e.g. passing a deal to a colleague who was better placed to win it.',
        ru: 'Серьёзно подготовился — попробовал продукт, поговорил с пользователем, изучил рынок — и приходит с обоснованным мнением или вопросом о нашем видении и своей роли в нём. Приводит конкретные примеры, когда ставил интересы команды или миссии выше своей сиюминутной выгоды, например передал сделку коллеге, у которого было больше шансов её выиграть.',
      },
    ],
    questions: [
      {
        en: 'In your own words: what do we do, for whom, and why would a customer choose us? What made you apply here rather than somewhere else?',
        ru: 'Своими словами: чем мы занимаемся, для кого и почему клиент выберет нас? Почему вы пришли именно к нам, а не в другую компанию?',
      },
      {
        en: 'Where do you think this company should be in three years, and what part would you want to play in getting there?',
        ru: 'Где, по-вашему, должна оказаться компания через три года и какую роль вы хотели бы сыграть на этом пути?',
      },
      {
        en: 'Tell me about a time when the team’s interest and your own commission pulled in different directions. What did you do?',
        ru: 'Расскажите о ситуации, когда интересы команды и ваша личная комиссия тянули в разные стороны. Что вы сделали?',
      },
      {
        en: 'In what kind of team or under what kind of manager have you done your worst work, and why?',
        ru: 'В какой команде или у какого руководителя вы работали хуже всего и почему?',
      },
    ],
  },
  {
    key: 'sales_dna',
    group: 'core',
    name: { en: 'Sales DNA (relationship building)', ru: 'ДНК продаж (умение строить отношения)' },
    description: {
      en: 'The ability to build trust and rapport quickly, listen, and keep relationships going over time — with prospects, customers and colleagues. Scored as much on how the candidate actually behaves in the interview and role-play as on their stories.',
      ru: 'Умение быстро устанавливать контакт и доверие, слушать и поддерживать отношения на долгой дистанции — с потенциальными клиентами, клиентами и коллегами. Оценивается не только по рассказам кандидата, но и по тому, как он ведёт себя на интервью и в ролевой игре.',
    },
    weight: 3,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Talks at the interviewer rather than with them: interrupts, ignores the other side’s signals and pitches before understanding anything. Cannot name a single professional relationship they built and kept up.',
        ru: 'Не ведёт диалог, а вещает: перебивает, не замечает сигналов собеседника и начинает продавать, ничего не выяснив. Не может привести пример профессиональных отношений, которые выстроил и сохранил.',
      },
      {
        en: 'Friendly but one-way: asks few questions, sticks to a script whatever the answers, and loses the thread when the role-play partner pushes back. Relationship examples stay generic (“I get on with everyone”).',
        ru: 'Дружелюбен, но разговор идёт в одну сторону: задаёт мало вопросов, держится скрипта независимо от ответов и теряет нить, когда партнёр по ролевой игре возражает. Примеры отношений общие («я со всеми нахожу общий язык»).',
      },
      {
        en: 'Asks open questions, listens and builds on the answers, and adapts their tone to the person in front of them. Describes specific relationships they built on purpose, e.g. a customer who came back to them or referred others.',
        ru: 'Задаёт открытые вопросы, слушает и развивает ответы собеседника, подстраивает тон под человека. Описывает конкретные отношения, которые выстроил целенаправленно, например клиента, который вернулся к нему или порекомендовал его другим.',
      },
      {
        en: 'Builds visible rapport with the role-play partner within minutes and turns pushback into a better conversation. Shows evidence of relationships that last — referrals, customers who followed them to a new company, contacts they still help with nothing to sell.',
        ru: 'За несколько минут заметно располагает к себе партнёра по ролевой игре и превращает возражения в более содержательный разговор. Есть свидетельства долгих отношений: рекомендации, клиенты, которые пошли за ним в новую компанию, контакты, которым он помогает, ничего не продавая.',
      },
    ],
    questions: [
      {
        en: 'Role-play: you have five minutes with a busy operations lead who agreed to a call but is clearly distracted. The interviewer plays them — start the conversation.',
        ru: 'Ролевая игра: у вас пять минут с занятым руководителем операционного отдела, который согласился на звонок, но явно отвлекается. Интервьюер играет его — начните разговор.',
      },
      {
        en: 'Tell me about a relationship with a customer or contact that started cold and became one of your strongest. What did you do, step by step?',
        ru: 'Расскажите об отношениях с клиентом или контактом, которые начались с холодного знакомства, а стали одними из самых крепких. Что вы делали, шаг за шагом?',
      },
      {
        en: 'Who from your past work would pick up the phone if you called them today, and why?',
        ru: 'Кто из вашего профессионального прошлого возьмёт трубку, если вы позвоните сегодня, и почему?',
      },
      {
        en: 'Tell me about the last time you realised mid-conversation that you had misread someone. What did you notice, and what did you change?',
        ru: 'Вспомните последний раз, когда посреди разговора вы осознали, что составили о собеседнике неверное впечатление. Что вы заметили и что изменили?',
      },
    ],
  },
  {
    key: 'process_focus',
    group: 'core',
    name: { en: 'Process focus', ru: 'Внимание к процессу' },
    description: {
      en: 'Attention to process: keeping the CRM accurate and up to date, following a repeatable method, and improving it with data rather than improvising every time. Predictable revenue depends on this more than on individual heroics.',
      ru: 'Внимание к процессу: актуальные и точные данные в CRM, работа по воспроизводимой методике и её улучшение на основе цифр, а не импровизация каждый раз заново. Предсказуемая выручка зависит от этого больше, чем от личного героизма.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Sees the CRM and the process as paperwork for managers (“I keep it all in my head”) and cannot describe any method they follow. Their own examples include missed follow-ups or deals that were lost track of.',
        ru: 'Считает CRM и процесс бумажной работой для начальства («я всё держу в голове») и не может описать методику, по которой работает. В его же примерах встречаются забытые повторные контакты и потерянные из виду сделки.',
      },
      {
        en: 'Updates the CRM when reminded or at the end of the quarter, and describes their method only vaguely. Cannot state their own activity or conversion numbers without guessing.',
        ru: 'Обновляет CRM по напоминанию или в конце квартала и описывает свою методику размыто. Не может назвать свои показатели активности и конверсии, не гадая.',
      },
      {
        en: 'Describes the stages they work through and what must be true to move a lead or deal to the next one. Logs activity and next steps as they go, and knows their own conversion rates.',
        ru: 'Описывает этапы своей работы и условия перехода лида или сделки на следующий этап. Фиксирует активности и следующие шаги по ходу дела и знает свою конверсию.',
      },
      {
        en: 'Shows how they used their own data to improve — e.g. changed a sequence or a qualification question after spotting where leads dropped off — and shared it with the team. Treats CRM hygiene as a service to the colleagues who pick up their work.',
        ru: 'Показывает, как использовал собственные данные для улучшений, — например, поменял цепочку касаний или вопрос квалификации, увидев, где отваливаются лиды, — и поделился этим с командой. Относится к порядку в CRM как к услуге коллегам, которые подхватят его работу.',
      },
    ],
    questions: [
      {
        en: 'Walk me through your process from the moment a lead or account lands with you until you hand it on. What do you record, where and when?',
        ru: 'Пройдите со мной по своему процессу с момента, когда к вам попадает лид или клиент, до передачи дальше. Что вы фиксируете, где и когда?',
      },
      {
        en: 'What were your conversion rates between stages last quarter? What did you change because of them?',
        ru: 'Какой была ваша конверсия между этапами в прошлом квартале? Что вы изменили, глядя на эти цифры?',
      },
      {
        en: 'Exercise: here are the notes from a sales call. Turn them into a CRM record — which stage, next step and fields would you set, and why?',
        ru: 'Упражнение: вот заметки по итогам звонка клиенту. Оформите их как запись в CRM — какой этап, следующий шаг и какие поля вы заполните и почему?',
      },
      {
        en: 'Tell me about a time you had to follow a process you disagreed with. What did you do about it?',
        ru: 'Расскажите о случае, когда вам пришлось работать по процессу, с которым вы были не согласны. Что вы с этим сделали?',
      },
    ],
  },
];

/* ------------------------------------------------------------------------------------------------
 * Role dimensions: the skills of each role. Track record weighs little on purpose: experience
 * predicts job performance poorly, and sales DNA, process focus and commitment matter more.
 * ---------------------------------------------------------------------------------------------- */

const SDR_OUTBOUND_DIMENSIONS: readonly DefaultDimension[] = [
  {
    key: 'prospecting_persistence',
    group: 'role',
    name: { en: 'Prospecting & persistence', ru: 'Поиск клиентов и настойчивость' },
    description: {
      en: 'How systematically the candidate finds and researches the right prospects (email, LinkedIn, phone), and keeps going through a multi-touch sequence without giving up or becoming a nuisance.',
      ru: 'Насколько системно кандидат находит и изучает подходящих потенциальных клиентов (email, LinkedIn, телефон) и доводит до конца цепочку из нескольких касаний, не сдаваясь и не превращаясь в назойливого спамера.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Cannot describe how they would build a prospect list beyond “buy a database” or “search LinkedIn”. Stops after one or two touches, or plans to send the same message to everyone.',
        ru: 'Не может описать, как составит список потенциальных клиентов, кроме «купить базу» или «поискать в LinkedIn». Останавливается после одного-двух касаний или собирается рассылать всем одно и то же сообщение.',
      },
      {
        en: 'Has a rough picture of the target customer but no plan for researching accounts or sequencing touches. Persistence means sending the same message more often.',
        ru: 'Примерно представляет целевого клиента, но не знает, как изучать компании и выстраивать последовательность касаний. Настойчивость для него — отправить то же сообщение ещё несколько раз.',
      },
      {
        en: 'Builds a target list from a clear profile, researches the company and the person before reaching out, and plans a multi-channel sequence in which every touch has its own reason.',
        ru: 'Составляет список целевых компаний по чёткому профилю, перед контактом изучает компанию и человека и планирует многоканальную цепочку, в которой у каждого касания свой повод.',
      },
      {
        en: 'Brings evidence of a sustained daily prospecting routine with its numbers (accounts researched, touches, reply and meeting rates), and shows how they varied channels and angles to reach a hard-to-get prospect without crossing into spam.',
        ru: 'Подтверждает цифрами устойчивую ежедневную работу по поиску (изучено компаний, сделано касаний, процент ответов и встреч) и показывает, как менял каналы и заходы, чтобы добраться до труднодоступного клиента, не скатываясь в спам.',
      },
    ],
    questions: [
      {
        en: 'Exercise: here is our ideal customer profile. In 15 minutes, find three companies and the right person at each; tell us why you chose them and how you would open.',
        ru: 'Упражнение: вот профиль нашего идеального клиента. За 15 минут найдите три компании и нужного человека в каждой; объясните, почему выбрали их и с чего начнёте разговор.',
      },
      {
        en: 'Walk me through the sequence you would run for one of them: which channel, when, and what changes from one touch to the next?',
        ru: 'Опишите цепочку касаний для одной из них: какой канал, когда и что меняется от касания к касанию?',
      },
      {
        en: 'Tell me about the hardest prospect you eventually got a meeting with. How many attempts did it take, and what finally worked?',
        ru: 'Расскажите о самом труднодоступном клиенте, с которым вам всё-таки удалось назначить встречу. Сколько понадобилось попыток и что в итоге сработало?',
      },
    ],
  },
  {
    key: 'handling_rejection',
    group: 'role',
    name: { en: 'Handling rejection', ru: 'Работа с отказами' },
    description: {
      en: 'How the candidate responds to “no”, silence and hostility: staying professional in the moment, learning from it, and keeping their activity up through weeks of mostly negative answers.',
      ru: 'Как кандидат реагирует на «нет», молчание и грубость: сохраняет ли профессионализм в моменте, делает ли выводы и удерживает ли уровень активности, когда неделями слышит в основном отказы.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Becomes defensive, argumentative or visibly rattled when the role-play prospect objects or hangs up. Describes past rejection as something that made them stop calling or avoid the phone.',
        ru: 'Начинает оправдываться, спорить или заметно теряется, когда клиент в ролевой игре возражает или бросает трубку. Рассказывает, что отказы в прошлом заставляли его прекращать звонки или избегать телефона.',
      },
      {
        en: 'Stays polite but gives up at the first objection, or answers it with a memorised line that ignores what the prospect actually said. Cannot describe how they keep going after a bad day.',
        ru: 'Остаётся вежливым, но сдаётся после первого возражения или отвечает заученной фразой, не учитывая того, что сказал клиент. Не может рассказать, как продолжает работать после неудачного дня.',
      },
      {
        en: 'Acknowledges the objection, asks a question to understand it, and either finds a reason to continue or leaves the door open gracefully. Describes a concrete routine for recovering from a bad run.',
        ru: 'Признаёт возражение, задаёт вопрос, чтобы его понять, и либо находит повод продолжить разговор, либо корректно оставляет дверь открытой. Описывает конкретный способ восстанавливаться после череды неудач.',
      },
      {
        en: 'Handles a rude or dismissive role-play prospect calmly, uses the objection to learn something useful, and earns a next step or a referral to the right person. Shows evidence of learning from rejection, e.g. tracked the objections they heard and changed the message.',
        ru: 'Спокойно справляется с грубым или пренебрежительным клиентом в ролевой игре, извлекает из возражения полезную информацию и добивается следующего шага или выхода на нужного человека. Показывает, что учится на отказах: например, вёл учёт возражений и менял под них сообщение.',
      },
    ],
    questions: [
      {
        en: 'Role-play, cold call: within ten seconds the interviewer, playing the prospect, says “Not interested — and how did you get my number?” Continue the call.',
        ru: 'Ролевая игра, холодный звонок: в первые десять секунд интервьюер в роли клиента говорит: «Не интересно. И откуда у вас мой номер?» Продолжите разговор.',
      },
      {
        en: 'What does your worst week of prospecting look like, and what do you do on the Monday after it?',
        ru: 'Как выглядит ваша худшая неделя в поиске клиентов и что вы делаете в понедельник после неё?',
      },
      {
        en: 'What was the most common objection in your last role? What did you try against it, and what worked?',
        ru: 'Какое возражение вы слышали чаще всего на прошлой работе? Что вы пробовали с ним делать и что сработало?',
      },
    ],
  },
  {
    key: 'qualification_discipline',
    group: 'role',
    name: { en: 'Qualification discipline', ru: 'Дисциплина квалификации' },
    description: {
      en: 'Whether the candidate qualifies honestly against clear criteria (need, authority, budget, timing) and passes on only the leads that meet them — even though the bonus is paid per qualified lead.',
      ru: 'Квалифицирует ли кандидат лидов честно и по чётким критериям (потребность, полномочия, бюджет, сроки) и передаёт ли дальше только тех, кто им соответствует, — несмотря на то что бонус платится за каждого квалифицированного лида.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Treats any booked meeting as a qualified lead, or openly describes counting borderline leads to hit a target. Cannot name any qualification criteria.',
        ru: 'Считает квалифицированным лидом любую назначенную встречу или открыто рассказывает, как засчитывал сомнительных лидов ради плана. Не может назвать ни одного критерия квалификации.',
      },
      {
        en: 'Names a framework (BANT or similar), but in the role-play runs through the questions like a checklist and accepts vague answers (“budget is fine”) without probing.',
        ru: 'Называет методику (BANT или похожую), но в ролевой игре проходит по вопросам как по чек-листу и принимает расплывчатые ответы («с бюджетом всё нормально»), не уточняя.',
      },
      {
        en: 'Asks natural follow-up questions that test need, authority, budget and timing, and states clearly whether the lead qualifies and why. Accepts that disqualifying leads is part of the job.',
        ru: 'Естественными уточняющими вопросами проверяет потребность, полномочия, бюджет и сроки и чётко говорит, квалифицирован ли лид и почему. Понимает, что отсеивать лидов — часть работы.',
      },
      {
        en: 'Disqualifies a promising-sounding lead in the role-play for a sound reason and explains it to the prospect and the interviewer. Gives examples of tightening their criteria after closers said leads were weak, and tracks how many of their leads the AEs accepted.',
        ru: 'Отсеивает в ролевой игре многообещающего на первый взгляд лида по обоснованной причине и объясняет её и клиенту, и интервьюеру. Приводит примеры, как ужесточал критерии, когда менеджеры по продажам жаловались на слабых лидов, и отслеживает, какую долю его лидов принимают AE.',
      },
    ],
    questions: [
      {
        en: 'Role-play: a prospect replied to your email with enthusiasm, but they are a junior analyst at a company just outside our profile. Run the qualification call, then tell us what you would pass to the AE.',
        ru: 'Ролевая игра: потенциальный клиент с энтузиазмом ответил на ваше письмо, но он младший аналитик в компании, которая немного не попадает в наш профиль. Проведите квалификационный звонок и скажите, что вы передадите AE.',
      },
      {
        en: 'What makes a lead qualified, in your own words? Tell me about a lead you were sure of that the closer rejected — what had you missed?',
        ru: 'Что, по-вашему, делает лида квалифицированным? Расскажите о лиде, в котором вы были уверены, а менеджер по продажам его отклонил. Что вы упустили?',
      },
      {
        en: 'It is the last day of the month, you are two leads short of your bonus and you have one borderline lead. What do you do?',
        ru: 'Последний день месяца, до бонуса вам не хватает двух лидов, и у вас есть один сомнительный. Что вы сделаете?',
      },
    ],
  },
  {
    key: 'written_outreach',
    group: 'role',
    name: { en: 'Written outreach', ru: 'Холодные письма и сообщения' },
    description: {
      en: 'The ability to write short, personalised cold emails and LinkedIn messages that a busy person reads and answers: relevant to the recipient, clear about why now, and with one easy next step.',
      ru: 'Умение писать короткие персонализированные холодные письма и сообщения в LinkedIn, которые занятой человек прочитает и на которые ответит: по делу для получателя, с понятной причиной «почему сейчас» и одним простым следующим шагом.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Writes a long, generic message about our company and its features, with errors or a tone that would embarrass the brand.',
        ru: 'Пишет длинное шаблонное сообщение о нашей компании и функциях продукта, с ошибками или в тоне, за который бренду было бы неловко.',
      },
      {
        en: 'The message is correct but reads like a template: the personalisation is a name and a company, the value is vague, and the ask is heavy for a first touch (“30 minutes this week?”).',
        ru: 'Сообщение грамотное, но читается как шаблон: вся персонализация — имя и название компании, ценность размыта, а просьба слишком большая для первого касания («30 минут на этой неделе?»).',
      },
      {
        en: 'Writes a short message clearly tailored to the recipient’s role and situation, with one concrete reason to talk and a light call to action. Each follow-up adds something new instead of “just bumping this”.',
        ru: 'Пишет короткое сообщение, явно адресованное роли и ситуации получателя, с одним конкретным поводом для разговора и ненавязчивым призывом к действию. Каждое повторное письмо добавляет что-то новое, а не просто «поднимает тему».',
      },
      {
        en: 'The message would stand out in a crowded inbox: specific research, a credible point of view on the prospect’s problem, plain and confident language. Explains the choices they made, how they would test alternatives, and shows reply rates from past campaigns.',
        ru: 'Сообщение выделится в переполненном ящике: конкретика из исследования, убедительный взгляд на проблему клиента, простой и уверенный язык. Кандидат объясняет свои решения и то, как проверил бы альтернативы, и показывает процент ответов на прошлых кампаниях.',
      },
    ],
    questions: [
      {
        en: 'Exercise: write a first cold email and a LinkedIn connection note to the person you chose in the prospecting exercise. You have 20 minutes.',
        ru: 'Упражнение: напишите первое холодное письмо и короткое сообщение с запросом на контакт в LinkedIn человеку, которого вы выбрали в упражнении на поиск. У вас 20 минут.',
      },
      {
        en: 'Now write the third follow-up after two unanswered emails. What is new in it?',
        ru: 'Теперь напишите третье письмо после двух оставшихся без ответа. Что в нём нового?',
      },
      {
        en: 'Show us, with names removed, an outreach message that worked for you and one that did not. Why the difference?',
        ru: 'Покажите (без имён) сообщение, которое у вас сработало, и такое, которое не сработало. В чём разница?',
      },
    ],
  },
  {
    key: 'track_record',
    group: 'role',
    name: { en: 'Track record', ru: 'Опыт и результаты' },
    description: {
      en: 'The relevance of past experience and the evidence of results in prospecting or other target-driven, customer-facing work. Weighs little by default: experience predicts job performance poorly, and many strong SDRs come from other fields.',
      ru: 'Насколько прошлый опыт относится к делу и подтверждён результатами в поиске клиентов или другой работе с клиентами и планами. По умолчанию весит мало: опыт плохо предсказывает результативность, а многие сильные SDR приходят из других сфер.',
    },
    weight: 0.5,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Claims results that fall apart when asked for specifics, or shows no evidence of results in any demanding role.',
        ru: 'Заявленные результаты рассыпаются при уточняющих вопросах, или нет подтверждённых результатов ни на одной работе с серьёзными требованиями к результату.',
      },
      {
        en: 'Has related experience but describes duties rather than results, or results they cannot explain (“the team did great”).',
        ru: 'Есть близкий опыт, но кандидат перечисляет обязанности, а не результаты, или не может объяснить свои результаты («команда отлично отработала»).',
      },
      {
        en: 'Shows concrete, plausible results in prospecting or a comparable target-driven role (hospitality, recruiting, fundraising, retail) and explains what drove them.',
        ru: 'Показывает конкретные, правдоподобные результаты в поиске клиентов или сопоставимой работе с планом (сервис, рекрутинг, фандрайзинг, розница) и объясняет, за счёт чего они достигнуты.',
      },
      {
        en: 'Consistent results over several periods, with numbers, context and their own contribution clearly separated from the team’s or the market’s; references confirm them.',
        ru: 'Стабильные результаты на протяжении нескольких периодов — с цифрами, контекстом и чётким разделением своего вклада и вклада команды или рынка; рекомендатели это подтверждают.',
      },
    ],
    questions: [
      {
        en: 'What were your targets in your last role, and how did you do against them quarter by quarter? What explains the difference between your best and worst quarter?',
        ru: 'Какие планы у вас были на последней работе и как вы их выполняли по кварталам? Чем объясняется разница между лучшим и худшим кварталом?',
      },
      {
        en: 'Which of your past experiences, in sales or outside it, best prepares you for cold outreach, and why?',
        ru: 'Какой опыт из вашего прошлого — в продажах или вне их — лучше всего готовит вас к холодному поиску клиентов и почему?',
      },
    ],
  },
];

const SDR_INBOUND_DIMENSIONS: readonly DefaultDimension[] = [
  {
    key: 'response_speed_quality',
    group: 'role',
    name: { en: 'Response speed & quality', ru: 'Скорость и качество ответа' },
    description: {
      en: 'How quickly and how well the candidate responds to someone who reached out — a sign-up, a newsletter reply, a direct call — while their interest is still high. Speed without substance scores low, and so does a thoughtful reply sent a day late.',
      ru: 'Насколько быстро и качественно кандидат отвечает тому, кто обратился сам, — после регистрации, ответа на рассылку, прямого звонка, — пока интерес ещё не остыл. Быстрый, но пустой ответ получает низкую оценку, как и продуманный ответ, отправленный на следующий день.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Considers a next-day reply fine for inbound leads. In the exercise the reply is generic, does not address the person’s actual question, or contains errors.',
        ru: 'Считает ответ входящему лиду на следующий день нормой. В упражнении ответ шаблонный, не касается вопроса человека или содержит ошибки.',
      },
      {
        en: 'Replies quickly but with a template that could go to anyone; or writes a good reply but has no way of prioritising when many leads arrive at once.',
        ru: 'Отвечает быстро, но шаблоном, который подошёл бы кому угодно; либо пишет хороший ответ, но не умеет расставлять приоритеты, когда заявки приходят пачкой.',
      },
      {
        en: 'Sets a concrete standard (e.g. first response within minutes during working hours) and a way to triage. The reply answers the person’s question, uses what is known about them and proposes a clear next step.',
        ru: 'Задаёт себе конкретный стандарт (например, первый ответ в течение нескольких минут в рабочее время) и способ сортировки заявок. Ответ закрывает вопрос человека, учитывает всё, что о нём известно, и предлагает понятный следующий шаг.',
      },
      {
        en: 'Combines speed with preparation: checks the person’s company and product usage before answering, and in the live call picks up the thread of what they were trying to do. Shows evidence of measuring and improving their own response time and conversion.',
        ru: 'Сочетает скорость с подготовкой: перед ответом выясняет, в какой компании работает человек и как он пользуется продуктом, а в живом звонке подхватывает то, что он пытался сделать. Показывает, что измерял и улучшал своё время реакции и конверсию.',
      },
    ],
    questions: [
      {
        en: 'Exercise: here are five inbound leads from the last hour (trial sign-ups, a newsletter reply, a voicemail transcript). In 15 minutes, put them in order and write the first reply to the top two.',
        ru: 'Упражнение: вот пять входящих заявок за последний час (регистрации на пробный период, ответ на рассылку, расшифровка голосового сообщения). За 15 минут расставьте их по приоритету и напишите первый ответ двум верхним.',
      },
      {
        en: 'Role-play: a prospect calls the sales line while you are in the middle of writing to another lead. The interviewer plays the caller — take the call.',
        ru: 'Ролевая игра: на линию отдела продаж звонит потенциальный клиент, пока вы пишете ответ другому лиду. Интервьюер играет звонящего — ответьте на звонок.',
      },
      {
        en: 'How fast should an inbound lead get an answer, and how would you make sure it happens when you are in meetings or off sick?',
        ru: 'Как быстро входящий лид должен получить ответ и как вы обеспечите это, когда вы на встрече или на больничном?',
      },
    ],
  },
  {
    key: 'qualification',
    group: 'role',
    name: { en: 'Qualification', ru: 'Квалификация' },
    description: {
      en: 'Whether the candidate finds out, in a natural and helpful conversation, if an inbound contact is a real buying opportunity — need, authority, budget and timing — and records the evidence honestly.',
      ru: 'Умеет ли кандидат в естественном и полезном для собеседника разговоре выяснить, стоит ли за входящим обращением реальная сделка — потребность, полномочия, бюджет и сроки, — и честно зафиксировать, на чём основан вывод.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Treats every inbound contact as qualified because they came to us, or interrogates the person with a checklist until they want to end the call.',
        ru: 'Считает любое входящее обращение квалифицированным, раз человек пришёл сам, или устраивает допрос по чек-листу, после которого собеседнику хочется положить трубку.',
      },
      {
        en: 'Asks about need but not about authority, budget or timing; accepts vague answers and cannot say afterwards whether the lead qualifies.',
        ru: 'Спрашивает о потребности, но не о полномочиях, бюджете и сроках; принимает расплывчатые ответы и после разговора не может сказать, квалифицирован ли лид.',
      },
      {
        en: 'Qualifies conversationally while helping the person, covers the key criteria, and makes a clear qualified / not qualified call with reasons.',
        ru: 'Квалифицирует по ходу разговора, параллельно помогая человеку, проверяет ключевые критерии и выносит чёткое решение «квалифицирован / не квалифицирован» с обоснованием.',
      },
      {
        en: 'Uncovers what the person did not volunteer — e.g. a personal sign-up who is really evaluating tools for their employer, or a big-company contact with no budget this year — and handles it gracefully. Gives examples of improving the team’s criteria from what closers accepted or rejected.',
        ru: 'Выясняет то, о чём человек сам не сказал, — например, что за регистрацией с личной почты стоит выбор инструмента для работодателя или что у контакта из крупной компании в этом году нет бюджета, — и корректно с этим работает. Приводит примеры, как улучшал критерии команды с учётом того, каких лидов принимали или отклоняли менеджеры по продажам.',
      },
    ],
    questions: [
      {
        en: 'Role-play: someone signed up for a trial from a personal email address and booked a demo. The interviewer plays them — run the first call and decide whether it goes to an AE.',
        ru: 'Ролевая игра: человек зарегистрировался на пробный период с личной почты и записался на демо. Интервьюер играет его — проведите первый звонок и решите, передавать ли лида AE.',
      },
      {
        en: 'Tell me about an inbound lead that looked perfect on paper but was not. How did you find out, and how quickly?',
        ru: 'Расскажите о входящем лиде, который выглядел идеально на бумаге, но оказался не тем. Как и насколько быстро вы это поняли?',
      },
      {
        en: 'What would you do with a contact who is keen and a great fit but says the budget decision is next year?',
        ru: 'Что вы сделаете с контактом, который заинтересован и отлично нам подходит, но говорит, что решение по бюджету будет только в следующем году?',
      },
    ],
  },
  {
    key: 'routing',
    group: 'role',
    name: { en: 'Routing', ru: 'Маршрутизация обращений' },
    description: {
      en: 'Whether every contact ends up in the right place with the right context: qualified leads to the right AE, existing customers to Customer Success, product questions to support, not-yet-ready leads to nurturing — with nobody dropped.',
      ru: 'Попадает ли каждое обращение туда, куда нужно, и с нужным контекстом: квалифицированные лиды — к нужному AE, действующие клиенты — в Customer Success, вопросы по продукту — в поддержку, пока не готовые лиды — на прогрев, и никто не теряется.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Does not know where non-sales contacts should go, or would simply ignore them. Hands leads over with no notes.',
        ru: 'Не знает, куда направлять обращения, не связанные с продажей, или просто игнорирует их. Передаёт лидов без каких-либо заметок.',
      },
      {
        en: 'Routes the obvious cases correctly but leaves edge cases (an existing customer asking about pricing, a partner enquiry) in limbo. Handoff notes are so thin that the next person has to ask the same questions again.',
        ru: 'Очевидные случаи направляет правильно, а пограничные (действующий клиент спрашивает о ценах, запрос от партнёра) повисают в воздухе. Заметки при передаче настолько скупые, что следующему человеку приходится задавать те же вопросы заново.',
      },
      {
        en: 'Routes each type of contact correctly under the given rules, writes a handoff note with need, people, timing and next step, and tells the contact who will follow up and when.',
        ru: 'Правильно направляет каждый тип обращений по заданным правилам, пишет заметку для передачи с потребностью, участниками, сроками и следующим шагом и сообщает человеку, кто и когда с ним свяжется.',
      },
      {
        en: 'Handles ambiguous cases with judgement and closes the loop — checks that the AE or Customer Success actually picked the lead up — and proposes changes to the routing rules where leads were falling through the cracks.',
        ru: 'Разумно разбирается с неоднозначными случаями и доводит дело до конца — проверяет, что AE или Customer Success действительно взяли обращение в работу, — и предлагает поправить правила маршрутизации там, где лиды терялись.',
      },
    ],
    questions: [
      {
        en: 'Exercise: here are eight inbound messages — a new prospect, an existing customer wanting more seats, a bug report, a job applicant, a partner, a competitor posing as a prospect and two more. Say where each goes, and write the handoff note for the new prospect.',
        ru: 'Упражнение: вот восемь входящих сообщений — новый потенциальный клиент, действующий клиент, которому нужно больше лицензий, сообщение об ошибке, соискатель, партнёр, конкурент под видом клиента и ещё два. Скажите, куда пойдёт каждое, и напишите заметку для передачи нового клиента.',
      },
      {
        en: 'Tell me about a lead that fell through the cracks between teams at a previous job. What happened, and what would have prevented it?',
        ru: 'Расскажите о лиде, который потерялся между отделами на прошлой работе. Что произошло и что могло бы это предотвратить?',
      },
      {
        en: 'An existing customer fills in the “Talk to sales” form. What do you do?',
        ru: 'Действующий клиент заполнил форму «Связаться с отделом продаж». Что вы сделаете?',
      },
    ],
  },
  {
    key: 'track_record',
    group: 'role',
    name: { en: 'Track record', ru: 'Опыт и результаты' },
    description: {
      en: 'The relevance of past experience and the evidence of results in inbound qualification, customer support or other fast-paced, customer-facing work. Weighs little by default: experience predicts job performance poorly.',
      ru: 'Насколько прошлый опыт относится к делу и подтверждён результатами в квалификации входящих заявок, поддержке клиентов или другой работе с клиентами в быстром темпе. По умолчанию весит мало: опыт плохо предсказывает результативность.',
    },
    weight: 0.5,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Claims results that fall apart when asked for specifics, or shows no evidence of results in any customer-facing role.',
        ru: 'Заявленные результаты рассыпаются при уточняющих вопросах, или нет подтверждённых результатов ни в одной роли, связанной с клиентами.',
      },
      {
        en: 'Has related experience but describes duties rather than results (“I handled incoming requests”), with no numbers on volume, speed or outcomes.',
        ru: 'Есть близкий опыт, но кандидат перечисляет обязанности, а не результаты («обрабатывал входящие заявки»), без цифр по объёму, скорости или итогам.',
      },
      {
        en: 'Shows concrete, plausible results in a comparable role — volumes handled, response times, conversion to qualified leads or customer satisfaction — and explains what drove them.',
        ru: 'Показывает конкретные, правдоподобные результаты в сопоставимой роли — объём обращений, время ответа, конверсию в квалифицированных лидов или удовлетворённость клиентов — и объясняет, за счёт чего они достигнуты.',
      },
      {
        en: 'Consistent results over several periods, with numbers, context and their own contribution clearly separated from the team’s; references confirm them.',
        ru: 'Стабильные результаты на протяжении нескольких периодов — с цифрами, контекстом и чётким разделением своего вклада и вклада команды; рекомендатели это подтверждают.',
      },
    ],
    questions: [
      {
        en: 'How many inbound contacts did you handle in a typical week in your last role, and what share became qualified opportunities? How do you know?',
        ru: 'Сколько входящих обращений вы обрабатывали за обычную неделю на последней работе и какая их доля превращалась в квалифицированные сделки? Откуда вы это знаете?',
      },
      {
        en: 'Which of your past experiences, in sales or outside it, best prepares you for answering and qualifying inbound leads, and why?',
        ru: 'Какой опыт из вашего прошлого — в продажах или вне их — лучше всего готовит вас к работе с входящими заявками и их квалификации и почему?',
      },
    ],
  },
];

const AE_DIMENSIONS: readonly DefaultDimension[] = [
  {
    key: 'discovery',
    group: 'role',
    name: { en: 'Discovery', ru: 'Выявление потребностей' },
    description: {
      en: 'How well the candidate uncovers the customer’s real problem, what it costs them, who decides and how — before pitching. Good discovery is what makes the rest of the sale honest and the forecast reliable.',
      ru: 'Насколько хорошо кандидат выясняет настоящую проблему клиента, во что она ему обходится, кто и как принимает решение — до того, как начать презентацию. Именно от выявления потребностей зависит, будет ли остальная сделка честной, а прогноз надёжным.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Starts pitching features within the first minutes of the role-play, asks mostly yes/no questions, and ends with no clearer picture of the customer’s problem than at the start.',
        ru: 'В первые же минуты ролевой игры начинает рассказывать о функциях, задаёт в основном закрытые вопросы и заканчивает разговор, так и не поняв проблему клиента лучше, чем в начале.',
      },
      {
        en: 'Asks the standard questions in order but does not follow up on the answers. Finds the stated need, but not its business impact, the decision process or who else is involved.',
        ru: 'Задаёт стандартные вопросы по порядку, но не развивает ответы. Выясняет заявленную потребность, но не её влияние на бизнес, порядок принятия решения и других участников.',
      },
      {
        en: 'Asks open questions and follows up on what they hear, puts a number on the problem, identifies the decision-makers and the buying process, and summarises back accurately before agreeing a next step.',
        ru: 'Задаёт открытые вопросы и уточняет ответы, оценивает проблему в цифрах, выясняет, кто принимает решение и как устроена закупка, и точно резюмирует услышанное, прежде чем договориться о следующем шаге.',
      },
      {
        en: 'Uncovers something the prospect had not said or realised — a hidden stakeholder, the real reason behind the timing, a cost they had not added up — keeps control of the conversation with a skeptical buyer, and ends with a mutually agreed plan.',
        ru: 'Выясняет то, о чём клиент не сказал или не задумывался, — скрытого участника решения, настоящую причину сроков, затраты, которые тот не посчитал, — удерживает инициативу в разговоре со скептичным покупателем и завершает встречу согласованным планом.',
      },
    ],
    questions: [
      {
        en: 'Role-play: run the first 10 minutes of a discovery call with our founder playing a skeptical head of sales who only took the meeting because the SDR was persistent.',
        ru: 'Ролевая игра: проведите первые 10 минут встречи по выявлению потребностей. Наш основатель играет скептично настроенного руководителя продаж, который согласился на встречу только потому, что SDR был настойчив.',
      },
      {
        en: 'Tell me about a deal where what the customer said they needed at the start turned out to be wrong. How did you find out?',
        ru: 'Расскажите о сделке, в которой то, что клиент назвал своей потребностью в начале, оказалось не тем. Как вы это выяснили?',
      },
      {
        en: 'After the role-play: what do you know now, what don’t you know yet, and what would you do before the next meeting?',
        ru: 'После ролевой игры: что вы теперь знаете, чего ещё не знаете и что сделаете до следующей встречи?',
      },
    ],
  },
  {
    key: 'closing_negotiation',
    group: 'role',
    name: { en: 'Closing & negotiation', ru: 'Закрытие сделок и переговоры' },
    description: {
      en: 'Whether the candidate can take a qualified opportunity to a signed contract: handling objections, negotiating price and terms without giving value away, and asking for the commitment.',
      ru: 'Может ли кандидат довести квалифицированную сделку до подписанного договора: отработать возражения, договориться о цене и условиях, не раздавая ценность даром, и прямо попросить клиента о решении.',
    },
    weight: 2.5,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Never asks for the business in the role-play, or caves on price at the first push (“I can do 30% off”); or relies on pressure tactics and false deadlines.',
        ru: 'В ролевой игре так и не просит клиента о решении или уступает в цене при первом нажиме («могу дать скидку 30%»); либо полагается на давление и искусственные дедлайны.',
      },
      {
        en: 'Handles the objections they expected but stalls on new ones, discounts to move the deal without getting anything in return, and leaves the close vague (“I’ll send it over and we’ll see”).',
        ru: 'Справляется с ожидаемыми возражениями, но теряется на новых, даёт скидку, чтобы сдвинуть сделку, ничего не получая взамен, и оставляет закрытие размытым («я вам всё пришлю, а там посмотрим»).',
      },
      {
        en: 'Treats objections as questions to answer, trades concessions for commitments (term, volume, timing, a case study), and closes with a specific next step and date that the buyer agrees to.',
        ru: 'Воспринимает возражения как вопросы, на которые нужно ответить, обменивает уступки на встречные обязательства (срок договора, объём, дата подписания, кейс) и завершает разговор конкретным следующим шагом и датой, с которыми согласен покупатель.',
      },
      {
        en: 'Keeps the conversation on value under strong pressure, anticipates procurement and legal steps, and gets a clear yes or an honest no. Backs it up with real deals they can walk through, including one they lost and what they learned from it.',
        ru: 'Под сильным давлением удерживает разговор на ценности, заранее учитывает этапы закупки и юридического согласования и получает чёткое «да» или честное «нет». Подкрепляет это реальными сделками, которые может разобрать по шагам, включая проигранную и выводы из неё.',
      },
    ],
    questions: [
      {
        en: 'Role-play: the buyer likes the product but says a competitor is 40% cheaper and they need an answer by Friday. The interviewer plays the buyer and can sign — get to a decision.',
        ru: 'Ролевая игра: покупателю нравится продукт, но он говорит, что конкурент на 40% дешевле и ответ нужен до пятницы. Интервьюер играет покупателя с правом подписи — добейтесь решения.',
      },
      {
        en: 'Walk me through the biggest deal you have closed, from the first meeting to signature. Where did it nearly fall apart?',
        ru: 'Разберите со мной самую крупную закрытую вами сделку — от первой встречи до подписания. Где она едва не сорвалась?',
      },
      {
        en: 'Tell me about a deal you lost at the final stage. What would you do differently?',
        ru: 'Расскажите о сделке, которую вы проиграли на последнем этапе. Что бы вы сделали иначе?',
      },
    ],
  },
  {
    key: 'pipeline_discipline',
    group: 'role',
    name: { en: 'Pipeline discipline', ru: 'Дисциплина в воронке' },
    description: {
      en: 'How the candidate manages their own pipeline: honest stages, a clear next step on every deal, an accurate forecast, and early disqualification of deals that will not close.',
      ru: 'Как кандидат ведёт свою воронку: честные этапы, понятный следующий шаг по каждой сделке, точный прогноз и раннее закрытие сделок, которые не состоятся.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Does not know how many deals they had open or what stage they were at; treats the forecast as a guess or as a number to please the manager.',
        ru: 'Не знает, сколько сделок у него было в работе и на каких они этапах; относится к прогнозу как к догадке или как к цифре, которая должна понравиться руководителю.',
      },
      {
        en: 'Keeps a pipeline, but with stale deals and missing next steps; the forecast is optimistic by habit and they cannot explain past misses.',
        ru: 'Воронку ведёт, но в ней зависшие сделки и нет следующих шагов; прогноз по привычке оптимистичный, а прошлые промахи кандидат объяснить не может.',
      },
      {
        en: 'Describes their pipeline by stage with clear exit criteria, reviews it every week, and can put a number on their forecast accuracy.',
        ru: 'Описывает свою воронку по этапам с чёткими критериями перехода, еженедельно её пересматривает и может назвать точность своего прогноза в цифрах.',
      },
      {
        en: 'Disqualifies early and keeps healthy pipeline coverage, explains their forecasting method, and gives an example of calling a slipping deal early so the team could plan around it.',
        ru: 'Рано отсеивает бесперспективные сделки и держит воронку с достаточным запасом, объясняет свой метод прогнозирования и приводит пример, когда заранее предупредил о срывающейся сделке, чтобы команда успела перестроить план.',
      },
    ],
    questions: [
      {
        en: 'Exercise: here is an export of ten open deals (stage, amount, last activity, next step). Which would you commit in this quarter’s forecast, which would you close as lost, and why?',
        ru: 'Упражнение: вот выгрузка десяти открытых сделок (этап, сумма, последняя активность, следующий шаг). Какие вы включите в прогноз на этот квартал, какие закроете как проигранные и почему?',
      },
      {
        en: 'How accurate was your forecast over the last four quarters? Tell me about the biggest miss.',
        ru: 'Насколько точным был ваш прогноз в последние четыре квартала? Расскажите о самом большом промахе.',
      },
      {
        en: 'How much pipeline do you need to hit a quarterly target, and how did you work that out?',
        ru: 'Какой объём воронки вам нужен, чтобы выполнить квартальный план, и как вы это посчитали?',
      },
    ],
  },
  {
    key: 'handoff_to_farmers',
    group: 'role',
    name: { en: 'Handoff to Customer Success', ru: 'Передача клиента в Customer Success' },
    description: {
      en: 'Whether the candidate sets new customers up to succeed after signing: promises only what the product does, and hands the account to the farmer with goals, stakeholders and commitments written down.',
      ru: 'Закладывает ли кандидат основу успеха клиента после подписания: обещает только то, что продукт действительно умеет, и передаёт клиента фермеру с записанными целями, участниками и взятыми обязательствами.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Sees the job as ending at signature; cannot say what the customer was promised, or describes overpromising to close as normal.',
        ru: 'Считает, что работа заканчивается подписанием; не может сказать, что было обещано клиенту, или считает обещания сверх возможного нормальным способом закрыть сделку.',
      },
      {
        en: 'Hands over the contract and a contact name, but not the customer’s goals, risks or the commitments made during the sale, so the farmer has to rediscover them.',
        ru: 'Передаёт договор и имя контактного лица, но не цели клиента, риски и обязательства, взятые в ходе сделки, — фермеру приходится выяснять всё заново.',
      },
      {
        en: 'Writes a handoff covering goals, success criteria, stakeholders, promises and risks, and introduces the farmer to the customer personally.',
        ru: 'Готовит записку для передачи клиента с целями, критериями успеха, участниками, обещаниями и рисками и лично знакомит фермера с клиентом.',
      },
      {
        en: 'Brings Customer Success into the deal before signature where it matters, stays involved through the first weeks, and can point to accounts they closed that renewed or grew because expectations were set right.',
        ru: 'Там, где это важно, подключает Customer Success ещё до подписания, остаётся на связи в первые недели и может назвать закрытых им клиентов, которые продлились или выросли, потому что ожидания были выставлены правильно.',
      },
    ],
    questions: [
      {
        en: 'Exercise: write the handoff note for the deal from the closing role-play, for the Customer Success manager who will own the account.',
        ru: 'Упражнение: напишите заметку для передачи клиента из ролевой игры по закрытию сделки менеджеру Customer Success, который будет его вести.',
      },
      {
        en: 'Tell me about a customer you closed who churned or was unhappy within the first year. Did anything in the sale lead to it?',
        ru: 'Расскажите о закрытом вами клиенте, который ушёл или остался недоволен в первый год. Было ли в сделке что-то, что к этому привело?',
      },
      {
        en: 'What should a farmer know about a new account on day one that is not in the contract?',
        ru: 'Что фермер должен знать о новом клиенте в первый же день, чего нет в договоре?',
      },
    ],
  },
  {
    key: 'track_record',
    group: 'role',
    name: { en: 'Track record', ru: 'Опыт и результаты' },
    description: {
      en: 'The relevance of past experience and the evidence of closing results: quota attainment, deal sizes, sales cycles. Weighs little by default: experience predicts job performance poorly, and many of the best teams are built from previously inexperienced closers.',
      ru: 'Насколько прошлый опыт относится к делу и подтверждён результатами в закрытии сделок: выполнение плана, размер сделок, длина цикла продаж. По умолчанию весит мало: опыт плохо предсказывает результативность, а многие лучшие команды собраны из тех, кто раньше не закрывал сделки.',
    },
    weight: 0.5,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Claims results that fall apart under follow-up questions (no idea of their quota, deal sizes or cycle length), or shows no evidence of results in any target-driven role.',
        ru: 'Заявленные результаты рассыпаются при уточняющих вопросах (кандидат не знает своего плана, размера сделок или длины цикла), или нет подтверждённых результатов ни на одной работе, где был план.',
      },
      {
        en: 'Describes responsibilities rather than results, or results without context (market, territory, inherited accounts) and without their own part in them.',
        ru: 'Перечисляет обязанности, а не результаты, или приводит результаты без контекста (рынок, территория, доставшиеся по наследству клиенты) и без понимания собственного вклада.',
      },
      {
        en: 'Shows concrete, plausible results — quota attainment, deal sizes, win rates — in closing or a comparable role, and explains what drove them.',
        ru: 'Показывает конкретные, правдоподобные результаты — выполнение плана, размер сделок, долю выигранных — в закрытии сделок или сопоставимой роли и объясняет, за счёт чего они достигнуты.',
      },
      {
        en: 'Consistent results over several periods in deals of a size and cycle similar to ours, with their own contribution clearly separated from the team’s and the market’s; references confirm them.',
        ru: 'Стабильные результаты на протяжении нескольких периодов в сделках, сопоставимых с нашими по размеру и циклу, с чётким разделением своего вклада и вклада команды и рынка; рекомендатели это подтверждают.',
      },
    ],
    questions: [
      {
        en: 'What were your quota and attainment over the last four quarters? What were your typical deal size and sales cycle?',
        ru: 'Каким был ваш план и его выполнение за последние четыре квартала? Какие у вас были типичный размер сделки и цикл продаж?',
      },
      {
        en: 'Which deal in your history is most like the deals we sell, and how did it go?',
        ru: 'Какая сделка из вашего опыта больше всего похожа на наши и как она прошла?',
      },
      {
        en: 'If you have not closed deals before: what have you achieved that required persuading people and hitting a target?',
        ru: 'Если вы раньше не закрывали сделки: чего вы добились там, где нужно было убеждать людей и выполнять план?',
      },
    ],
  },
];

const FARMER_DIMENSIONS: readonly DefaultDimension[] = [
  {
    key: 'customer_empathy',
    group: 'role',
    name: { en: 'Customer empathy', ru: 'Эмпатия к клиенту' },
    description: {
      en: 'Whether the candidate genuinely understands the customer’s situation and goals — an unhappy customer’s included — and acts in the customer’s interest, not only in the interest of the renewal.',
      ru: 'Понимает ли кандидат по-настоящему ситуацию и цели клиента — в том числе недовольного — и действует ли в интересах клиента, а не только ради продления.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'In the role-play argues with the upset customer, blames the product team or the customer, or reads out a scripted apology. Talks about customers as accounts to be managed.',
        ru: 'В ролевой игре спорит с расстроенным клиентом, винит команду продукта или самого клиента либо зачитывает дежурные извинения. Говорит о клиентах как об объектах управления.',
      },
      {
        en: 'Is polite and apologetic but jumps to solutions before understanding the problem. Their examples of helping customers are about closing tickets.',
        ru: 'Вежлив и извиняется, но переходит к решениям, не разобравшись в проблеме. Его примеры помощи клиентам сводятся к закрытию тикетов.',
      },
      {
        en: 'Lets the customer explain, reflects back the problem and its impact on their business, and agrees concrete next steps and a follow-up time. Gives examples of learning a customer’s goals and how their team works.',
        ru: 'Даёт клиенту высказаться, проговаривает проблему и её влияние на бизнес клиента своими словами и договаривается о конкретных шагах и времени следующего контакта. Приводит примеры, как разбирался в целях клиента и в том, как работает его команда.',
      },
      {
        en: 'Turns an angry customer into a working partner within the role-play by finding out what is really at stake for them. Shows past cases of pushing internally for what a customer needed, or of advising a customer against buying something they did not need.',
        ru: 'По ходу ролевой игры превращает рассерженного клиента в партнёра по работе, выяснив, что на самом деле для него на кону. Приводит случаи из практики, когда добивался внутри компании того, что было нужно клиенту, или отговаривал клиента от покупки, которая ему не нужна.',
      },
    ],
    questions: [
      {
        en: 'Role-play: the interviewer plays a customer whose team has barely used the product in three months and whose boss is asking why they are paying for it. Take the call.',
        ru: 'Ролевая игра: интервьюер играет клиента, чья команда почти не пользовалась продуктом три месяца, а начальник спрашивает, зачем за него платить. Проведите звонок.',
      },
      {
        en: 'Tell me about a customer you found hard to work with. What did you learn about what they needed?',
        ru: 'Расскажите о клиенте, с которым вам было трудно работать. Что вы поняли о том, что ему было нужно?',
      },
      {
        en: 'Tell me about a time you had to tell a customer something they did not want to hear. How did you do it, and what happened?',
        ru: 'Вспомните случай, когда вам пришлось сказать клиенту то, чего он не хотел слышать. Как вы это сделали и чем всё закончилось?',
      },
    ],
  },
  {
    key: 'retention',
    group: 'role',
    name: { en: 'Retention', ru: 'Удержание клиентов' },
    description: {
      en: 'How the candidate keeps customers successful enough to renew: spotting risk early from usage and relationships, running onboarding and regular reviews, and acting well before the renewal date.',
      ru: 'Как кандидат добивается того, чтобы клиенты были успешны и продлевались: рано замечает риски по использованию продукта и состоянию отношений, проводит внедрение и регулярные встречи по итогам и действует задолго до даты продления.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Finds out about churn at renewal time; has no way of telling a healthy account from an at-risk one, and relies on discounts to keep customers.',
        ru: 'Узнаёт об уходе клиента в момент продления; не умеет отличить здорового клиента от клиента под угрозой и удерживает клиентов скидками.',
      },
      {
        en: 'Runs check-ins, but reactively. Names usage as a warning signal but cannot describe what they actually did when it dropped.',
        ru: 'Проводит регулярные созвоны, но реагирует по факту. Называет падение использования тревожным сигналом, но не может рассказать, что конкретно делал, когда оно падало.',
      },
      {
        en: 'Describes a concrete health check (usage, stakeholder changes, support tickets, goals met) and a plan for at-risk accounts that starts months before renewal.',
        ru: 'Описывает конкретную оценку «здоровья» клиента (использование, смена ключевых людей, обращения в поддержку, достигнутые цели) и план работы с клиентами под угрозой, который начинается за несколько месяцев до продления.',
      },
      {
        en: 'Walks through accounts they saved and the specific actions that saved them, and shows how they found and fixed a pattern behind several churns, e.g. an onboarding step customers kept skipping.',
        ru: 'Разбирает клиентов, которых удалось спасти, и конкретные действия, которые помогли, и показывает, как нашёл и устранил общую причину нескольких уходов — например, шаг внедрения, который клиенты постоянно пропускали.',
      },
    ],
    questions: [
      {
        en: 'Exercise: here are five accounts with usage, ticket and contact data. Which one would you call first this week, and what would you say?',
        ru: 'Упражнение: вот пять клиентов с данными об использовании, обращениях и контактах. Кому вы позвоните первым на этой неделе и что скажете?',
      },
      {
        en: 'Tell me about a customer you saved from churning. When did you first notice the risk, and what did you do?',
        ru: 'Расскажите о клиенте, которого вы удержали от ухода. Когда вы впервые заметили риск и что сделали?',
      },
      {
        en: 'Tell me about a customer you lost. Looking back, when could you have known?',
        ru: 'Расскажите о клиенте, которого вы потеряли. Оглядываясь назад, в какой момент это можно было понять?',
      },
    ],
  },
  {
    key: 'account_growth',
    group: 'role',
    name: { en: 'Account growth', ru: 'Развитие клиентов' },
    description: {
      en: 'Whether the candidate grows accounts by finding new users, teams and use cases where the product creates real value, and makes the case for expansion without pushing customers into buying what they do not need.',
      ru: 'Умеет ли кандидат развивать клиентов — находить новых пользователей, команды и сценарии, где продукт приносит реальную пользу, — и обосновывать расширение, не навязывая клиенту того, что ему не нужно.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Has no idea how accounts grow beyond “upsell the premium plan”, or describes pushing upgrades that customers later regretted.',
        ru: 'Не представляет, как развивать клиента, кроме как «продать тариф подороже», или рассказывает, как навязывал расширения, о которых клиенты потом жалели.',
      },
      {
        en: 'Spots expansion when the customer asks for it but does not create opportunities, and cannot tie an upsell to the customer’s outcomes.',
        ru: 'Замечает возможность расширения, когда клиент сам о нём просит, но не создаёт таких возможностей и не может связать допродажу с результатами клиента.',
      },
      {
        en: 'Maps the account (teams, stakeholders, unused use cases), identifies growth tied to the customer’s goals, and builds a business case the customer can take to their boss.',
        ru: 'Составляет карту клиента (команды, ключевые люди, неиспользуемые сценарии), находит точки роста, связанные с целями клиента, и готовит обоснование, с которым клиент может пойти к своему руководству.',
      },
      {
        en: 'Gives concrete examples of growing accounts through results the customer could measure — e.g. expanding from one team to several after a review of outcomes — with numbers on expansion or net revenue retention.',
        ru: 'Приводит конкретные примеры роста клиентов за счёт измеримых для клиента результатов — например, расширения с одной команды на несколько после встречи по итогам — с цифрами по росту выручки или чистому удержанию выручки (NRR).',
      },
    ],
    questions: [
      {
        en: 'Role-play: one team at a customer is doing well with the product, and you have a quarterly review with their head of department, played by the interviewer. Find out whether there is room to grow.',
        ru: 'Ролевая игра: одна из команд клиента успешно работает с продуктом, и у вас квартальная встреча по итогам с руководителем их подразделения, которого играет интервьюер. Выясните, есть ли возможность для роста.',
      },
      {
        en: 'Tell me about the largest expansion you drove in an existing account. How did it start?',
        ru: 'Расскажите о самом крупном расширении, которого вы добились у действующего клиента. С чего всё началось?',
      },
      {
        en: 'When would you advise a customer not to buy more?',
        ru: 'В каких случаях вы посоветуете клиенту не покупать больше?',
      },
    ],
  },
  {
    key: 'customer_feedback_to_product',
    group: 'role',
    name: { en: 'Customer feedback to product', ru: 'Голос клиента в продукте' },
    description: {
      en: 'Whether the candidate acts as the open feedback channel from customers back to the company: collects what customers say, separates signal from noise, and brings it to the product team in a form they can use.',
      ru: 'Работает ли кандидат открытым каналом обратной связи от клиентов к компании: собирает то, что говорят клиенты, отделяет важное от шума и доносит это до команды продукта в виде, с которым можно работать.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Sees product feedback as someone else’s job, or forwards every complaint as it comes. Cannot give an example of customer feedback that changed anything.',
        ru: 'Считает обратную связь по продукту чужой задачей или пересылает каждую жалобу как есть. Не может привести пример отзыва клиента, который что-то изменил.',
      },
      {
        en: 'Passes on feature requests one by one, without context, frequency or business impact, and does not follow up on what happened to them.',
        ru: 'Передаёт запросы на доработки по одному, без контекста, частоты и влияния на бизнес, и не следит за тем, что с ними стало.',
      },
      {
        en: 'Gathers feedback systematically, groups it by theme, describes the customer problem behind each request, and tells customers what came of it.',
        ru: 'Собирает обратную связь системно, группирует её по темам, описывает проблему клиента за каждым запросом и сообщает клиентам, к чему это привело.',
      },
      {
        en: 'Gives a specific example where their structured feedback — customer quotes, number of accounts affected, revenue at stake — changed the product roadmap or a process, and worked with the product team on the solution.',
        ru: 'Приводит конкретный пример, когда его структурированная обратная связь — цитаты клиентов, число затронутых клиентов, выручка под угрозой — изменила план развития продукта или процесс, и он вместе с командой продукта работал над решением.',
      },
    ],
    questions: [
      {
        en: 'Tell me about a piece of customer feedback you brought to the product team that led to a change. How did you make the case?',
        ru: 'Расскажите об отзыве клиента, который вы донесли до команды продукта и который привёл к изменениям. Как вы его обосновали?',
      },
      {
        en: 'Exercise: here are 15 raw notes from customer calls. In 15 minutes, turn them into a one-page summary for our head of product.',
        ru: 'Упражнение: вот 15 черновых заметок по звонкам клиентам. За 15 минут превратите их в сводку на одну страницу для нашего руководителя продукта.',
      },
      {
        en: 'A key customer demands a feature the product team has already said no to. What do you do?',
        ru: 'Ключевой клиент требует функцию, от которой команда продукта уже отказалась. Что вы сделаете?',
      },
    ],
  },
  {
    key: 'track_record',
    group: 'role',
    name: { en: 'Track record', ru: 'Опыт и результаты' },
    description: {
      en: 'The relevance of past experience and the evidence of results in account management, customer success or other long-term customer relationships: retention, renewals, expansion. Weighs little by default: experience predicts job performance poorly.',
      ru: 'Насколько прошлый опыт относится к делу и подтверждён результатами в ведении клиентов, Customer Success или других долгих отношениях с клиентами: удержание, продления, расширение. По умолчанию весит мало: опыт плохо предсказывает результативность.',
    },
    weight: 0.5,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: [
      {
        en: 'Claims results that fall apart when asked for specifics, or shows no evidence of results in any customer-facing role.',
        ru: 'Заявленные результаты рассыпаются при уточняющих вопросах, или нет подтверждённых результатов ни в одной роли, связанной с клиентами.',
      },
      {
        en: 'Has related experience but describes duties (“I managed 40 accounts”) rather than what happened to those accounts.',
        ru: 'Есть близкий опыт, но кандидат перечисляет обязанности («вёл 40 клиентов»), а не то, что стало с этими клиентами.',
      },
      {
        en: 'Shows concrete, plausible results — retention or renewal rates, expansion revenue, customer satisfaction — in a comparable role, and explains what drove them.',
        ru: 'Показывает конкретные, правдоподобные результаты — удержание или долю продлений, выручку от расширения, удовлетворённость клиентов — в сопоставимой роли и объясняет, за счёт чего они достигнуты.',
      },
      {
        en: 'Consistent results over several periods with a portfolio comparable to ours, with their own contribution clearly separated from the product’s and the team’s; references or former customers confirm them.',
        ru: 'Стабильные результаты на протяжении нескольких периодов с портфелем клиентов, сопоставимым с нашим, с чётким разделением своего вклада и вклада продукта и команды; это подтверждают рекомендатели или бывшие клиенты.',
      },
    ],
    questions: [
      {
        en: 'What were gross retention and expansion in your book of accounts last year, and what part of that was down to you?',
        ru: 'Какими были удержание и расширение по вашему портфелю клиентов в прошлом году и какая часть этого — ваша заслуга?',
      },
      {
        en: 'Which of your past experiences, in customer success or outside it, best prepares you to look after our customers, and why?',
        ru: 'Какой опыт из вашего прошлого — в Customer Success или вне его — лучше всего готовит вас к работе с нашими клиентами и почему?',
      },
    ],
  },
];

/**
 * The VP Sales rubric is about proven management, not individual selling: the best closer is rarely
 * the best manager. Individual selling is tagged so the top-closer-trap rule can flag a candidate who
 * shines at it but falls short on the management dimensions.
 */
const VP_SALES_DIMENSIONS: readonly DefaultDimension[] = [
  {
    key: 'people_management',
    group: 'role',
    name: { en: 'People management', ru: 'Управление людьми' },
    description: {
      en: 'Proven experience hiring, coaching and building a sales team: who they hired and why, how they developed people, and how they dealt with those who did not work out.',
      ru: 'Подтверждённый опыт найма, развития людей и построения отдела продаж: кого и почему кандидат нанимал, как развивал сотрудников и как поступал с теми, кто не справлялся.',
    },
    weight: 3,
    knockout: false,
    threshold: null,
    trait: 'management',
    anchors: [
      {
        en: 'Has never managed people, or describes management only as “leading by example” or closing deals for their reps. Cannot describe a hire or a dismissal they handled themselves.',
        ru: 'Никогда не руководил людьми или описывает управление только как «личный пример» и закрытие сделок за своих менеджеров. Не может рассказать ни об одном найме или увольнении, которые провёл сам.',
      },
      {
        en: 'Has managed a small team but talks mostly about their own deals. Hired on gut feel, coached through occasional joint calls, and let underperformance drift.',
        ru: 'Руководил небольшой командой, но рассказывает в основном о собственных сделках. Нанимал по наитию, развивал людей от случая к случаю на совместных звонках, а слабые результаты пускал на самотёк.',
      },
      {
        en: 'Describes a structured hiring process they ran, a regular coaching rhythm (one-to-ones, call reviews, deal reviews), and a specific underperformer they turned around or let go fairly.',
        ru: 'Описывает выстроенный им структурированный процесс найма, регулярный ритм развития команды (встречи один на один, разборы звонков и сделок) и конкретного отстающего сотрудника, которого помог вытянуть или с которым корректно расстался.',
      },
      {
        en: 'Has built a team from an early stage: names people they hired and developed who became top performers or were promoted, shows ramp-time and retention numbers, and former reports confirm it as references.',
        ru: 'Строил команду с ранней стадии: называет людей, которых нанял и вырастил и которые стали лучшими в команде или получили повышение, приводит цифры по срокам выхода на результат и удержанию сотрудников, а бывшие подчинённые подтверждают это в рекомендациях.',
      },
    ],
    questions: [
      {
        en: 'Tell me about the best and the worst hire you made as a sales manager. What did you learn, and what did you change in how you hire?',
        ru: 'Расскажите о лучшем и худшем найме в вашей практике руководителя продаж. Какие выводы вы сделали и что изменили в том, как нанимаете?',
      },
      {
        en: 'Role-play: the interviewer plays an AE who has missed quota two quarters running and believes the leads are the problem. Run the one-to-one.',
        ru: 'Ролевая игра: интервьюер играет AE, который второй квартал подряд не выполняет план и считает, что виноваты лиды. Проведите встречу один на один.',
      },
      {
        en: 'Which of the people you have managed has gone furthest since, and what was your part in it?',
        ru: 'Кто из людей, которыми вы руководили, с тех пор продвинулся дальше всех и какова в этом ваша роль?',
      },
      {
        en: 'Sketch the team you would build over our next 18 months: which roles, in what order, and why?',
        ru: 'Набросайте команду, которую вы построили бы у нас за ближайшие 18 месяцев: какие роли, в каком порядке и почему?',
      },
    ],
  },
  {
    key: 'pipeline_forecasting',
    group: 'role',
    name: { en: 'Pipeline management & forecasting', ru: 'Управление воронкой и прогнозирование' },
    description: {
      en: 'How the candidate runs the team’s pipeline and produces a forecast the company can plan on: stage definitions, pipeline reviews, coverage, and honest calls on deals at risk.',
      ru: 'Как кандидат управляет воронкой команды и строит прогноз, на который компания может опираться: определения этапов, разборы воронки, запас покрытия и честные оценки рискованных сделок.',
    },
    weight: 2.5,
    knockout: false,
    threshold: null,
    trait: 'management',
    anchors: [
      {
        en: 'Describes forecasting as adding up what reps say. Cannot name their team’s forecast accuracy or the pipeline coverage they needed.',
        ru: 'Описывает прогнозирование как сложение того, что говорят менеджеры. Не может назвать точность прогноза своей команды или необходимый запас воронки.',
      },
      {
        en: 'Runs pipeline reviews but uses them to chase individual deals; the forecast relies on gut feel, and they cannot explain past misses.',
        ru: 'Проводит разборы воронки, но использует их, чтобы «дожимать» отдельные сделки; прогноз строит на интуиции и не может объяснить прошлые промахи.',
      },
      {
        en: 'Explains a clear forecasting method (stage definitions, forecast categories or weighting, coverage ratios), a weekly review rhythm, and their team’s forecast accuracy over several quarters.',
        ru: 'Объясняет понятный метод прогнозирования (определения этапов, категории прогноза или взвешивание, коэффициенты покрытия), еженедельный ритм разборов и точность прогноза своей команды за несколько кварталов.',
      },
      {
        en: 'Shows how they diagnosed a pipeline problem from the data (e.g. a conversion drop at one stage, too few leads from SDRs), fixed it, and how forecast accuracy improved as a result. Talks about leading indicators, not only closed revenue.',
        ru: 'Показывает, как по данным нашёл проблему в воронке (например, падение конверсии на одном этапе или нехватку лидов от SDR), устранил её и как в результате выросла точность прогноза. Говорит об опережающих показателях, а не только о закрытой выручке.',
      },
    ],
    questions: [
      {
        en: 'Exercise: here is a pipeline export with three reps’ deals. In 20 minutes, give us your forecast for the quarter and the three questions you would ask in the pipeline review.',
        ru: 'Упражнение: вот выгрузка воронки со сделками трёх менеджеров. За 20 минут дайте прогноз на квартал и назовите три вопроса, которые вы зададите на разборе воронки.',
      },
      {
        en: 'How accurate were your team’s forecasts over the last four quarters? Walk me through the biggest miss and what you changed afterwards.',
        ru: 'Насколько точными были прогнозы вашей команды за последние четыре квартала? Разберите самый большой промах и то, что вы изменили после него.',
      },
      {
        en: 'We want to double new revenue next year. Work backwards: how many leads, opportunities and reps do we need, and when?',
        ru: 'Мы хотим удвоить новую выручку в следующем году. Посчитайте от обратного: сколько нужно лидов, сделок и менеджеров и к какому сроку?',
      },
    ],
  },
  {
    key: 'repeatable_process',
    group: 'role',
    name: { en: 'Building a repeatable sales process', ru: 'Построение воспроизводимого процесса продаж' },
    description: {
      en: 'Whether the candidate can turn founder-led, improvised selling into a documented, measurable process that new hires can learn — from lead to qualified opportunity, closed deal and handoff to Customer Success.',
      ru: 'Может ли кандидат превратить импровизированные продажи силами основателя в описанный, измеримый процесс, которому можно обучить новичков, — от лида до квалифицированной сделки, её закрытия и передачи клиента в Customer Success.',
    },
    weight: 2,
    knockout: false,
    threshold: null,
    trait: 'management',
    anchors: [
      {
        en: 'Relies on hiring “great salespeople” who find their own way; has never written down a sales process, a playbook or stage definitions.',
        ru: 'Делает ставку на найм «сильных продавцов», которые сами разберутся; никогда не описывал процесс продаж, плейбук или определения этапов.',
      },
      {
        en: 'Has worked inside a process someone else built and can describe it, but not why it was designed that way or how to adapt it to a company at our stage.',
        ru: 'Работал по процессу, который построил кто-то другой, и может его описать, но не может объяснить, почему он устроен именно так и как адаптировать его к компании на нашей стадии.',
      },
      {
        en: 'Has built or substantially rebuilt a sales process: stages with exit criteria, handoffs between SDRs, AEs and farmers, a playbook, and an onboarding programme for new reps.',
        ru: 'Строил или существенно перестраивал процесс продаж: этапы с критериями перехода, передачи между SDR, AE и фермерами, плейбук и программу адаптации новых менеджеров.',
      },
      {
        en: 'Shows measurable results of the process they built (shorter ramp time, higher conversion, a predictable pipeline) and explains how they would adapt it to our stage, including what should stay founder-led for now.',
        ru: 'Показывает измеримые результаты построенного процесса (быстрее выход новичков на результат, выше конверсия, предсказуемая воронка) и объясняет, как адаптировал бы его к нашей стадии, включая то, что пока стоит оставить за основателем.',
      },
    ],
    questions: [
      {
        en: 'Today our founder closes every deal. Describe your first 90 days: what would you document, measure and change, and in what order?',
        ru: 'Сейчас все сделки у нас закрывает основатель. Расскажите о своих первых 90 днях: что вы задокументируете, начнёте измерять и измените и в каком порядке?',
      },
      {
        en: 'Tell me about a sales process you built from scratch. What did you get wrong in the first version?',
        ru: 'Расскажите о процессе продаж, который вы построили с нуля. Что оказалось неправильным в первой версии?',
      },
      {
        en: 'How long did new reps take to reach full productivity in your last team, and what did you do to shorten it?',
        ru: 'Сколько времени новым менеджерам в вашей последней команде требовалось, чтобы выйти на полную продуктивность, и что вы делали, чтобы сократить этот срок?',
      },
    ],
  },
  {
    key: 'cross_functional_leadership',
    group: 'role',
    name: { en: 'Cross-functional leadership', ru: 'Кросс-функциональное лидерство' },
    description: {
      en: 'How the candidate works with product, marketing, customer success and finance as part of the leadership team: aligning on targets, lead flow and customer feedback instead of defending sales’ corner.',
      ru: 'Как кандидат работает с продуктом, маркетингом, Customer Success и финансами как член команды руководителей: договаривается о целях, потоке лидов и обратной связи от клиентов, а не защищает интересы одних только продаж.',
    },
    weight: 1.5,
    knockout: false,
    threshold: null,
    trait: 'management',
    anchors: [
      {
        en: 'Describes other teams as obstacles (“marketing sends junk leads”, “product never ships what we sell”) with no example of solving a problem together.',
        ru: 'Описывает другие отделы как помеху («маркетинг присылает мусорные лиды», «продукт никогда не делает то, что мы продаём») и не приводит ни одного примера совместного решения проблемы.',
      },
      {
        en: 'Collaborates when asked, but sees alignment as other teams adapting to sales; had no shared definitions or regular forums with other teams.',
        ru: 'Сотрудничает, когда просят, но под согласованием понимает подстройку других отделов под продажи; общих определений и регулярных встреч с другими отделами у него не было.',
      },
      {
        en: 'Gives examples of agreeing shared definitions with marketing (what counts as a qualified lead), bringing structured customer feedback to product, and setting targets together with finance.',
        ru: 'Приводит примеры, как договаривался с маркетингом об общих определениях (что считать квалифицированным лидом), приносил в продукт структурированную обратную связь от клиентов и ставил цели вместе с финансами.',
      },
      {
        en: 'Shows a case where they changed how several teams work together — e.g. a shared funnel review with marketing and Customer Success — with measurable impact, and took responsibility for sales’ part in a cross-team problem.',
        ru: 'Приводит случай, когда изменил взаимодействие нескольких отделов — например, ввёл общий разбор воронки с маркетингом и Customer Success — с измеримым эффектом, и взял на себя ответственность за роль продаж в общей проблеме.',
      },
    ],
    questions: [
      {
        en: 'Tell me about a serious disagreement with a head of marketing or product. How was it resolved, and what did it cost sales?',
        ru: 'Расскажите о серьёзном разногласии с руководителем маркетинга или продукта. Как его разрешили и чего это стоило продажам?',
      },
      {
        en: 'How would you agree with marketing on what counts as a qualified lead, and how would you check the agreement is working?',
        ru: 'Как вы договоритесь с маркетингом о том, что считать квалифицированным лидом, и как проверите, что договорённость работает?',
      },
      {
        en: 'What would you want from our product team every month, and what would you give them in return?',
        ru: 'Что вы хотели бы каждый месяц получать от нашей команды продукта и что дадите ей взамен?',
      },
    ],
  },
  {
    key: 'individual_selling_record',
    group: 'role',
    name: { en: 'Individual selling record', ru: 'Личные результаты в продажах' },
    description: {
      en: 'The candidate’s own record as an individual seller. It weighs little on purpose: the best closer is rarely the best manager, and strong personal selling must not make up for weak management.',
      ru: 'Собственные результаты кандидата как продавца. Этот критерий намеренно весит мало: лучший продавец редко оказывается лучшим руководителем, и сильные личные продажи не должны компенсировать слабое управление.',
    },
    weight: 0.5,
    knockout: false,
    threshold: null,
    trait: 'individual_selling',
    anchors: [
      {
        en: 'Has no first-hand selling experience and cannot credibly handle a customer conversation in the role-play, or coach one.',
        ru: 'Не имеет личного опыта продаж и в ролевой игре не может убедительно провести разговор с клиентом или разобрать его с менеджером.',
      },
      {
        en: 'Has sold in the past but cannot describe their own deals in detail, or their picture of selling is out of date for our buyers.',
        ru: 'Продавал в прошлом, но не может подробно рассказать о своих сделках, или его представление о продажах устарело для наших покупателей.',
      },
      {
        en: 'Has a solid individual record and can walk through real deals in detail — enough credibility to coach reps and join key calls.',
        ru: 'Имеет уверенные личные результаты и может подробно разобрать реальные сделки — достаточно, чтобы пользоваться авторитетом у менеджеров, развивать их и участвовать в ключевых переговорах.',
      },
      {
        en: 'Was a consistent top performer and can explain precisely what made them successful in a way others can learn, rather than putting it down to talent.',
        ru: 'Стабильно входил в число лучших продавцов и может точно объяснить, что обеспечивало успех, так, чтобы этому могли научиться другие, а не списывает всё на талант.',
      },
    ],
    questions: [
      {
        en: 'Tell me about a deal you closed personally that you are proud of. What from it would you teach a new AE?',
        ru: 'Расскажите о сделке, которую вы закрыли лично и которой гордитесь. Чему из неё вы научили бы нового AE?',
      },
      {
        en: 'When should a VP Sales join a deal, and when should they stay out of it?',
        ru: 'Когда руководителю отдела продаж стоит подключаться к сделке, а когда лучше оставаться в стороне?',
      },
    ],
  },
];

export const ROLE_DIMENSIONS: Readonly<Record<RoleKey, readonly DefaultDimension[]>> = {
  sdr_outbound: SDR_OUTBOUND_DIMENSIONS,
  sdr_inbound: SDR_INBOUND_DIMENSIONS,
  ae: AE_DIMENSIONS,
  farmer: FARMER_DIMENSIONS,
  vp_sales: VP_SALES_DIMENSIONS,
};
