import type { LocalizedText, RoleKey } from '../rubrics/default-content';
import type { OwnerRole, SignOff, TaskKind, Track } from './plan';

/**
 * The default onboarding template of every sales role, in every supported language. The product's
 * opinion (see the source essay): even proven sellers underperform without knowing the product,
 * the customers and the process, so every role spends time with the product team, with customer
 * success and with sales development (SDR shadowing), learns what integrity means here, and ends
 * with a 90-day review whose rating later tells which interview dimensions predicted success.
 * Titles speak to the new hire; the owner is the person who runs the task with them.
 */
export interface DefaultTask {
  readonly track: Track;
  readonly owner: OwnerRole;
  readonly day: number;
  readonly signOff: SignOff;
  readonly evidence: boolean;
  readonly required: boolean;
  readonly kind: TaskKind;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
}

type TaskOptions = Partial<Pick<DefaultTask, 'signOff' | 'evidence' | 'required' | 'kind'>>;

function task(track: Track, owner: OwnerRole, day: number, options: TaskOptions, title: LocalizedText, description: LocalizedText): DefaultTask {
  return { track, owner, day, signOff: 'none', evidence: false, required: true, kind: 'task', ...options, title, description };
}

/* Company & culture ---------------------------------------------------------------------------- */

const welcome = task('company', 'manager', 0, {}, {
  en: 'Welcome meeting: the mission and your first 90 days',
  ru: 'Встреча-знакомство: миссия и ваши первые 90 дней',
}, {
  en: 'Meet your manager on day one: why the company exists, who its customers are, how your role fits into the team, and what success looks like at 30, 60 and 90 days.',
  ru: 'В первый день встретьтесь с руководителем: зачем существует компания, кто её клиенты, какое место ваша роль занимает в команде и как выглядит успех через 30, 60 и 90 дней.',
});

const tools = task('company', 'buddy', 2, {}, {
  en: 'Set up your tools with your buddy',
  ru: 'Настройте рабочие инструменты вместе с наставником',
}, {
  en: 'CRM, calendar, call recording, email sequences and the shared drive. Your buddy shows you where everything lives and whom to ask about what.',
  ru: 'CRM, календарь, запись звонков, почтовые цепочки и общий диск. Наставник покажет, где что находится и к кому с какими вопросами обращаться.',
});

const integrity = task('company', 'manager', 5, { signOff: 'manager', evidence: true }, {
  en: 'Values and integrity: what they mean here',
  ru: 'Ценности и честность: что они значат у нас',
}, {
  en: 'Read the company values and discuss them with your manager: what integrity means in our sales (no promise the product cannot keep, honest forecasts, honest lead qualification). In a few sentences, describe one situation in which you would walk away from a deal.',
  ru: 'Прочитайте ценности компании и обсудите их с руководителем: что значит честность в наших продажах (никаких обещаний, которые продукт не выполнит, честный прогноз, честная квалификация лидов). В нескольких предложениях опишите ситуацию, в которой вы откажетесь от сделки.',
});

const checkIn30 = task('company', 'manager', 30, {}, {
  en: '30-day check-in with your manager',
  ru: 'Встреча с руководителем по итогам 30 дней',
}, {
  en: 'What is going well, what is still unclear, and whether the 60- and 90-day goals still make sense.',
  ru: 'Что получается, что пока непонятно и остаются ли реалистичными цели на 60 и 90 дней.',
});

/* Product immersion ------------------------------------------------------------------------------ */

const productTour = task('product', 'product_lead', 3, {}, {
  en: 'Product overview with the product team',
  ru: 'Обзор продукта с продуктовой командой',
}, {
  en: 'The product lead walks you through the product: the problem it solves, the main workflows, the limits customers run into, and what is on the roadmap for the next two quarters.',
  ru: 'Руководитель продукта показывает продукт: какую проблему он решает, основные сценарии работы, в какие ограничения упираются клиенты и что запланировано на ближайшие два квартала.',
});

const productDemo = task('product', 'product_lead', 10, { signOff: 'owner', evidence: true }, {
  en: 'Give the product demo to the product team',
  ru: 'Проведите демонстрацию продукта для продуктовой команды',
}, {
  en: 'Run the standard demo for the product lead as if they were a prospect. Attach your demo notes or slides; the product lead signs off when the demo is accurate and clear.',
  ru: 'Проведите стандартное демо для руководителя продукта так, будто он потенциальный клиент. Приложите заметки или слайды; руководитель продукта подтверждает задачу, когда демо точное и понятное.',
});

/* Customer success ------------------------------------------------------------------------------- */

const shadowCs = task('customer_success', 'cs_lead', 7, { signOff: 'owner', evidence: true }, {
  en: 'Shadow three customer success calls',
  ru: 'Послушайте три звонка службы клиентского успеха',
}, {
  en: 'Listen to an onboarding call, a regular check-in and a renewal conversation. Write down what customers value most and what makes them leave.',
  ru: 'Послушайте звонок по внедрению, плановую встречу и разговор о продлении. Запишите, что клиенты ценят больше всего и из-за чего уходят.',
});

const retention = task('customer_success', 'cs_lead', 14, {}, {
  en: 'Learn the retention playbook',
  ru: 'Изучите сценарий удержания клиентов',
}, {
  en: 'Walk through the retention playbook with the CS lead: health signals, escalations, renewals, and how a promise made in sales lands on customer success.',
  ru: 'Разберите с руководителем клиентского успеха сценарий удержания: признаки здоровья клиента, эскалации, продления и то, как обещание, данное при продаже, становится задачей клиентского успеха.',
});

/* Sales development (SDR shadowing) -------------------------------------------------------------- */

const leadTypes = task('sales_development', 'sdr_lead', 5, {}, {
  en: 'Lead types: seeds, nets and spears',
  ru: 'Типы лидов: семена, сети и копья',
}, {
  en: 'Learn where our leads come from and what each kind needs. Seeds: referrals and word of mouth — they close fast and become the best customers, but are hard to grow on purpose. Nets: marketing programmes that reach many people at once. Spears: targeted outbound prospecting by dedicated reps.',
  ru: 'Разберитесь, откуда приходят наши лиды и что нужно каждому типу. Семена: рекомендации и сарафанное радио — закрываются быстро и становятся лучшими клиентами, но их трудно выращивать целенаправленно. Сети: маркетинговые программы, которые охватывают многих сразу. Копья: целевой исходящий поиск силами выделенных сотрудников.',
});

const shadowOutbound = (required = true) =>
  task('sales_development', 'sdr_lead', 8, { signOff: 'owner', evidence: true, required }, {
    en: 'Shadow five outbound calls',
    ru: 'Послушайте пять исходящих звонков',
  }, {
    en: 'Sit with an outbound SDR for at least five calls. Note how each call opens, which questions qualify the prospect, and how the SDR handles a no.',
    ru: 'Послушайте вместе с SDR по исходящим продажам минимум пять звонков. Отметьте, как начинается разговор, какие вопросы квалифицируют клиента и как SDR реагирует на отказ.',
  });

const shadowInbound = (required = true) =>
  task('sales_development', 'sdr_lead', 9, { required }, {
    en: 'Shadow inbound qualification for half a day',
    ru: 'Полдня понаблюдайте за квалификацией входящих заявок',
  }, {
    en: 'Follow an inbound SDR through site sign-ups, newsletter replies and direct calls. See how fast they respond and where each contact is routed.',
    ru: 'Проведите полдня с SDR по входящим заявкам: регистрации на сайте, ответы на рассылку, прямые звонки. Посмотрите, как быстро они отвечают и куда направляют каждый контакт.',
  });

const qualification = task('sales_development', 'sdr_lead', 12, { signOff: 'owner', evidence: true }, {
  en: 'Qualify three recorded calls yourself',
  ru: 'Самостоятельно квалифицируйте три записанных звонка',
}, {
  en: 'Learn our qualification criteria — a real need, budget, who decides, timing, and fit with the ideal customer profile — then qualify three recorded calls. The SDR lead compares your verdicts with theirs.',
  ru: 'Изучите наши критерии квалификации — реальная потребность, бюджет, кто принимает решение, сроки и соответствие профилю идеального клиента, — а затем квалифицируйте три записанных звонка. Руководитель SDR сравнит ваши выводы со своими.',
});

/* The 90-day review ------------------------------------------------------------------------------ */

const review90 = task('role', 'manager', 90, { kind: 'review' }, {
  en: '90-day review',
  ru: 'Итоги 90 дней',
}, {
  en: 'Your manager reviews the first 90 days with you: results against the goals set on day one, strengths, and what to work on next. The manager records an overall rating and a short note.',
  ru: 'Руководитель подводит с вами итоги первых 90 дней: результаты относительно целей, поставленных в первый день, сильные стороны и над чем работать дальше. Руководитель фиксирует общую оценку и короткий комментарий.',
});

/* Role tracks ------------------------------------------------------------------------------------ */

const firstLeadsToAe = task('role', 'manager', 45, { signOff: 'manager' }, {
  en: 'Hand your first qualified leads to an AE',
  ru: 'Передайте первых квалифицированных лидов AE',
}, {
  en: 'Hand your first qualified leads to an Account Executive with complete notes from qualification, and ask the AE how good they were.',
  ru: 'Передайте первых квалифицированных лидов менеджеру по продажам (AE) вместе с полными заметками по квалификации и спросите у него, насколько они были качественными.',
});

const ROLE_TASKS: Readonly<Record<RoleKey, readonly DefaultTask[]>> = {
  sdr_outbound: [
    task('role', 'sdr_lead', 15, { signOff: 'owner', evidence: true }, {
      en: 'Build your first prospect list',
      ru: 'Соберите первый список потенциальных клиентов',
    }, {
      en: 'Fifty accounts that match the ideal customer profile, with the right contact at each and one line on why they fit. The SDR lead reviews the list.',
      ru: 'Пятьдесят компаний, подходящих под профиль идеального клиента, с нужным контактом в каждой и одной строкой о том, почему они подходят. Руководитель SDR проверяет список.',
    }),
    task('role', 'sdr_lead', 20, { signOff: 'owner', evidence: true }, {
      en: 'Write your first outreach sequence',
      ru: 'Напишите первую цепочку касаний',
    }, {
      en: 'Three emails and a LinkedIn message for one segment: short, specific, about the prospect’s problem rather than our features.',
      ru: 'Три письма и сообщение в LinkedIn для одного сегмента: коротко, конкретно, о проблеме клиента, а не о функциях продукта.',
    }),
    firstLeadsToAe,
  ],
  sdr_inbound: [
    task('role', 'sdr_lead', 10, {}, {
      en: 'Learn the inbound routing rules',
      ru: 'Изучите правила распределения входящих заявок',
    }, {
      en: 'Which contacts go to an AE, which to customer success and which to nurturing, and the response time we promise for each.',
      ru: 'Какие контакты передаются AE, какие — в клиентский успех, какие — на прогрев, и за какое время мы обещаем ответить в каждом случае.',
    }),
    task('role', 'sdr_lead', 21, { signOff: 'owner', evidence: true }, {
      en: 'Work the inbound queue for a day under supervision',
      ru: 'Отработайте день с очередью входящих заявок под присмотром',
    }, {
      en: 'Handle a full day of the inbound queue while the SDR lead reviews each qualification. Note the contacts you were unsure about.',
      ru: 'Отработайте полный день очереди входящих заявок; руководитель SDR проверяет каждую квалификацию. Отметьте контакты, в которых вы сомневались.',
    }),
    firstLeadsToAe,
  ],
  ae: [
    task('role', 'manager', 14, { evidence: true }, {
      en: 'Shadow the founder’s discovery calls',
      ru: 'Поприсутствуйте на звонках основателя по выявлению потребностей',
    }, {
      en: 'Join at least three discovery calls run by the founder. Note how the founder uncovers the pain, who decides, and the budget.',
      ru: 'Поприсутствуйте минимум на трёх звонках основателя по выявлению потребностей. Отметьте, как он выясняет боль клиента, кто принимает решение и какой бюджет.',
    }),
    task('role', 'manager', 30, {}, {
      en: 'Shadow the founder’s closing calls',
      ru: 'Поприсутствуйте на звонках основателя по закрытию сделок',
    }, {
      en: 'Join the negotiation and closing calls of at least two deals: pricing, objections, and how the new customer is handed to customer success.',
      ru: 'Поприсутствуйте на переговорах и закрытии минимум двух сделок: цена, возражения и передача нового клиента в клиентский успех.',
    }),
    task('role', 'manager', 40, { signOff: 'manager' }, {
      en: 'Run a discovery call with the founder listening',
      ru: 'Проведите звонок по выявлению потребностей в присутствии основателя',
    }, {
      en: 'Lead a discovery call yourself while the founder listens, then debrief together: what you learned about the buyer and what you would ask next time.',
      ru: 'Проведите звонок сами, пока основатель слушает, а затем разберите его вместе: что вы узнали о покупателе и что спросите в следующий раз.',
    }),
    task('role', 'manager', 60, { signOff: 'manager' }, {
      en: 'Own your first deals',
      ru: 'Ведите свои первые сделки',
    }, {
      en: 'Take over qualified leads from the SDRs, carry them through your pipeline and review each deal with your manager every week.',
      ru: 'Возьмите квалифицированных лидов у SDR, проведите их по своей воронке и каждую неделю разбирайте каждую сделку с руководителем.',
    }),
  ],
  farmer: [
    task('role', 'cs_lead', 14, {}, {
      en: 'Account reviews: your book of customers',
      ru: 'Разбор вашего портфеля клиентов',
    }, {
      en: 'Go through every account you will own with the CS lead: usage, health, contacts, renewal date and open issues.',
      ru: 'Разберите с руководителем клиентского успеха каждый аккаунт, который вы будете вести: использование, здоровье, контакты, дату продления и открытые вопросы.',
    }),
    task('role', 'cs_lead', 30, { signOff: 'owner', evidence: true }, {
      en: 'Run your first account review with a customer',
      ru: 'Проведите первую встречу с клиентом по итогам работы',
    }, {
      en: 'Hold a business review with one customer; write up the outcomes, the risks and the growth opportunities you found.',
      ru: 'Проведите с одним клиентом встречу по итогам работы; опишите результаты, риски и найденные возможности для роста.',
    }),
    task('role', 'product_lead', 45, {}, {
      en: 'Bring customer feedback to the product team',
      ru: 'Передайте обратную связь клиентов продуктовой команде',
    }, {
      en: 'Bring the top three requests and complaints from your accounts to the product team: you are the open channel from customers back to the company.',
      ru: 'Принесите продуктовой команде три главных запроса и три главные жалобы ваших клиентов: вы — открытый канал обратной связи от клиентов к компании.',
    }),
    task('role', 'manager', 60, { signOff: 'manager', evidence: true }, {
      en: 'Renewal and growth plan',
      ru: 'План продлений и роста',
    }, {
      en: 'A plan for every renewal due in the next two quarters and the growth opportunity in each account.',
      ru: 'План по каждому продлению на ближайшие два квартала и возможностям роста в каждом аккаунте.',
    }),
  ],
  vp_sales: [
    task('role', 'new_hire', 14, { signOff: 'manager', evidence: true }, {
      en: 'One-to-one with every rep',
      ru: 'Встреча один на один с каждым сотрудником',
    }, {
      en: 'Hold a first one-to-one with every rep: their pipeline, what blocks them and what they need from their leader. Summarise the common themes.',
      ru: 'Проведите первую встречу один на один с каждым сотрудником отдела: их воронка, что им мешает и чего они ждут от руководителя. Опишите общие темы.',
    }),
    task('role', 'manager', 21, { signOff: 'manager', evidence: true }, {
      en: 'Pipeline review with the founder',
      ru: 'Разбор воронки с основателем',
    }, {
      en: 'Review the whole pipeline deal by deal with the founder: stages, forecast accuracy, stuck deals. Write down the three changes you would make first.',
      ru: 'Разберите с основателем всю воронку по сделкам: этапы, точность прогноза, зависшие сделки. Запишите три изменения, которые вы внесёте в первую очередь.',
    }),
    task('role', 'manager', 45, { signOff: 'manager', evidence: true }, {
      en: 'The hiring plan',
      ru: 'План найма',
    }, {
      en: 'Draft the next hires in order with the team-plan advisor: qualifiers and farmers before more closers, and integrity and culture fit scored in every interview loop.',
      ru: 'Составьте план следующих наймов по порядку с помощью раздела «План команды»: квалификаторы и фермеры — раньше новых клоузеров, а честность и соответствие культуре оцениваются на каждом этапе интервью.',
    }),
    task('role', 'manager', 60, { signOff: 'manager' }, {
      en: 'Forecast and targets for next quarter',
      ru: 'Прогноз и цели на следующий квартал',
    }, {
      en: 'Agree next quarter’s forecast and each rep’s targets with the founder, built from the pipeline rather than from hope.',
      ru: 'Согласуйте с основателем прогноз на следующий квартал и цели каждого сотрудника, исходя из воронки, а не из надежд.',
    }),
  ],
};

const COMMON_START = [welcome, tools, integrity, checkIn30, productTour, productDemo, shadowCs, retention, leadTypes];

/** The default tasks of each role's template (10–16 each), the 90-day review last. */
export const DEFAULT_TEMPLATES: Readonly<Record<RoleKey, readonly DefaultTask[]>> = {
  sdr_outbound: [...COMMON_START, shadowOutbound(), shadowInbound(), qualification, ...ROLE_TASKS.sdr_outbound, review90],
  sdr_inbound: [...COMMON_START, shadowOutbound(), shadowInbound(), qualification, ...ROLE_TASKS.sdr_inbound, review90],
  ae: [...COMMON_START, shadowOutbound(), qualification, ...ROLE_TASKS.ae, review90],
  farmer: [...COMMON_START, shadowOutbound(false), ...ROLE_TASKS.farmer, review90],
  vp_sales: [...COMMON_START, shadowOutbound(), shadowInbound(false), ...ROLE_TASKS.vp_sales, review90],
};
