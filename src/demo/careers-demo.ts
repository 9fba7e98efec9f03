import { savePostingRow } from '../careers/careers.repository';
import type { UnitOfWork } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';

interface DemoPosting {
  readonly title: string;
  readonly location: string;
  readonly slug: string;
  readonly description: string;
}

const POSTINGS: Readonly<Record<string, Readonly<Record<Language, DemoPosting>>>> = {
  sdr_outbound: {
    en: {
      title: 'Sales Development Representative (outbound)',
      location: 'Berlin',
      slug: 'sdr-outbound-berlin',
      description: [
        'You open the first conversation with companies that do not know us yet, and hand qualified meetings to our Account Executives.',
        '',
        '## What you will do',
        '',
        '- Research accounts and the people who buy in them',
        '- Write and call: 40–60 thoughtful touches a day, not a script',
        '- Qualify with the team’s checklist and book first meetings',
        '',
        '## What we look for',
        '',
        '- Curiosity about how businesses work, and persistence without pushiness',
        '- Clear written English; German is a plus',
        '',
        'We interview with a structured scorecard: every candidate answers the same questions. Questions? Write to [jobs@example.com](mailto:jobs@example.com).',
      ].join('\n'),
    },
    ru: {
      title: 'Менеджер по привлечению клиентов (SDR, исходящие)',
      location: 'Берлин',
      slug: 'sdr-iskhodyashchie-berlin',
      description: [
        'Вы начинаете первый разговор с компаниями, которые ещё нас не знают, и передаёте квалифицированные встречи нашим Account Executive.',
        '',
        '## Чем предстоит заниматься',
        '',
        '- Изучать компании и людей, которые в них принимают решения',
        '- Писать и звонить: 40–60 продуманных касаний в день, без скриптов',
        '- Квалифицировать по чек-листу команды и назначать первые встречи',
        '',
        '## Кого мы ищем',
        '',
        '- Любопытство к тому, как устроен бизнес, и настойчивость без навязчивости',
        '- Грамотный письменный английский; немецкий — плюс',
        '',
        'Мы проводим интервью по структурированной оценочной форме: всем кандидатам задают одни и те же вопросы. Вопросы? Пишите на [jobs@example.com](mailto:jobs@example.com).',
      ].join('\n'),
    },
  },
  ae: {
    en: {
      title: 'Account Executive, mid-market',
      location: 'Berlin or remote (EU)',
      slug: 'account-executive-mid-market',
      description: [
        'You own the sale from the first meeting to the signature with companies of 100–1,000 people.',
        '',
        '## What you will do',
        '',
        '- Run discovery, demos and a mutual plan with each buyer',
        '- Keep an honest forecast and a clean pipeline',
        '- Work with the SDRs who book your first meetings',
        '',
        '## What we look for',
        '',
        '- Two or more years closing B2B software deals',
        '- A habit of asking one more question before pitching',
        '',
        'On-target earnings are set out in the pay plan you receive at the first interview.',
      ].join('\n'),
    },
    ru: {
      title: 'Account Executive, средний бизнес',
      location: 'Берлин или удалённо (ЕС)',
      slug: 'account-executive-sredniy-biznes',
      description: [
        'Вы ведёте сделку от первой встречи до подписи с компаниями на 100–1000 человек.',
        '',
        '## Чем предстоит заниматься',
        '',
        '- Проводить выявление потребностей, демонстрации и совместный план с каждым покупателем',
        '- Вести честный прогноз и аккуратную воронку',
        '- Работать с SDR, которые назначают вам первые встречи',
        '',
        '## Кого мы ищем',
        '',
        '- От двух лет закрытия B2B-сделок по программному обеспечению',
        '- Привычку задать ещё один вопрос, прежде чем предлагать',
        '',
        'Доход при выполнении плана описан в схеме оплаты, которую вы получите на первом интервью.',
      ].join('\n'),
    },
  },
};

/** Publishes the demo's SDR and AE openings on the careers page, so /jobs has something to show. */
export async function publishDemoPostings(uow: UnitOfWork, openings: readonly { key: string; openingId: number }[], language: Language): Promise<void> {
  for (const { key, openingId } of openings) {
    const posting = POSTINGS[key]?.[language];
    if (!posting) continue;
    await savePostingRow(
      uow.trx,
      openingId,
      { published: true, publicTitle: posting.title, description: posting.description, location: posting.location, employmentType: 'full_time', slug: posting.slug },
      uow.now.toISOString(),
      uow.now,
    );
  }
}
