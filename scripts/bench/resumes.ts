/**
 * Résumé texts for the benchmark: about 2 KB each, in English, in Russian, or both, built from a
 * sales vocabulary so that words have realistic frequencies (each résumé names two or three of
 * fifteen industries and one or two of twelve languages: "banks" is in about one résumé in six,
 * "German" in about one in eight, both together in about one in fifty).
 */
const INDUSTRIES = ['banks', 'insurers', 'retailers', 'telecom operators', 'logistics companies', 'hospitals', 'manufacturers', 'energy utilities', 'government agencies', 'universities', 'law firms', 'hotel chains', 'airlines', 'pharmaceutical companies', 'car dealers'];
const INDUSTRIES_RU = ['банкам', 'страховым компаниям', 'розничным сетям', 'операторам связи', 'логистическим компаниям', 'больницам', 'заводам', 'энергетическим компаниям', 'госучреждениям', 'университетам', 'юридическим фирмам', 'гостиничным сетям', 'авиакомпаниям', 'фармацевтическим компаниям', 'автодилерам'];
const LANGUAGES = ['German', 'French', 'Spanish', 'Italian', 'Polish', 'Dutch', 'Portuguese', 'Mandarin', 'Japanese', 'Turkish', 'Arabic', 'Swedish'];
const LANGUAGES_RU = ['немецким', 'французским', 'испанским', 'итальянским', 'польским', 'нидерландским', 'португальским', 'китайским', 'японским', 'турецким', 'арабским', 'шведским'];
const CITIES = ['Berlin', 'Munich', 'Frankfurt', 'Zurich', 'Vienna', 'Warsaw', 'Prague', 'Madrid', 'Milan', 'Paris', 'London', 'Dublin', 'Amsterdam', 'Stockholm', 'Lisbon'];
const CITIES_RU = ['Москве', 'Санкт-Петербурге', 'Казани', 'Новосибирске', 'Екатеринбурге', 'Нижнем Новгороде', 'Самаре', 'Краснодаре'];
const PRODUCTS = ['payroll software', 'a cloud CRM', 'cybersecurity services', 'fleet tracking', 'an HR platform', 'data analytics', 'payment terminals', 'office equipment', 'marketing automation', 'ERP modules'];
const PRODUCTS_RU = ['облачную CRM', 'системы безопасности', 'платёжные терминалы', 'аналитику данных', 'кадровую платформу', 'ERP-решения', 'телематику для автопарков'];
const TOOLS = ['Salesforce', 'HubSpot', 'Pipedrive', 'Outreach', 'Salesloft', 'Dynamics', 'amoCRM', 'Bitrix24'];
const HOBBIES = ['marathon running', 'chess', 'sailing', 'photography', 'cooking', 'climbing', 'volunteering at a food bank', 'jazz piano'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function pickSome<T>(rand: () => number, list: readonly T[], n: number): T[] {
  const out = new Set<T>();
  while (out.size < n) out.add(pick(rand, list));
  return [...out];
}

const int = (rand: () => number, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

function englishSentences(rand: () => number, industries: readonly number[], languages: readonly number[]): string[] {
  const ind = industries.map((i) => INDUSTRIES[i]!);
  const lang = languages.map((i) => LANGUAGES[i]!);
  const tool = pick(rand, TOOLS);
  return [
    `Account executive with ${int(rand, 2, 12)} years of B2B sales experience, selling ${pick(rand, PRODUCTS)} to ${ind[0]} in ${pick(rand, CITIES)} and across the region.`,
    `Sold to ${ind.join(' and ')}; ran discovery calls, product demos and negotiations with procurement and legal teams.`,
    `Speaks ${lang.join(' and ')} with clients every day; managed key accounts in ${pick(rand, CITIES)} and ${pick(rand, CITIES)}.`,
    `Closed ${int(rand, 8, 60)} new logos in ${int(rand, 2016, 2025)}, including two of the largest ${ind[ind.length - 1]} in the country.`,
    `Built outbound sequences in ${tool}, booking ${int(rand, 10, 40)} qualified meetings a month for the closers on the team.`,
    `Exceeded quota ${int(rand, 2, 9)} quarters in a row (${int(rand, 101, 160)}% attainment), average deal size EUR ${int(rand, 8, 250)}k, sales cycle of ${int(rand, 1, 9)} months.`,
    `Managed a pipeline of ${int(rand, 20, 140)} opportunities and forecast it weekly in ${tool} with the sales director.`,
    `Coached ${int(rand, 2, 9)} SDRs on cold calling, qualification frameworks and objection handling; wrote the team's playbook.`,
    `As a customer success manager renewed and expanded accounts, with net revenue retention of ${int(rand, 95, 135)}%.`,
    `Worked with marketing on events and webinars that brought in inbound leads, and with product on feedback from customers.`,
    `References from former managers available on request. Hobbies: ${pick(rand, HOBBIES)}.`,
  ];
}

function russianSentences(rand: () => number, industries: readonly number[], languages: readonly number[]): string[] {
  const ind = industries.map((i) => INDUSTRIES_RU[i]!);
  const lang = languages.map((i) => LANGUAGES_RU[i]!);
  const tool = pick(rand, TOOLS);
  return [
    `Менеджер по продажам с опытом ${int(rand, 2, 12)} лет в B2B: продавал ${pick(rand, PRODUCTS_RU)} ${ind.join(' и ')} в ${pick(rand, CITIES_RU)}.`,
    `Выполнял план продаж ${int(rand, 2, 9)} кварталов подряд, средний чек ${int(rand, 300, 9000)} тыс. рублей, цикл сделки ${int(rand, 1, 9)} месяцев.`,
    `Проводил встречи с клиентами, презентации и демонстрации продукта, вёл переговоры с закупками и юристами.`,
    `Владеет ${lang.join(' и ')} языками, ведёт переписку и звонки с зарубежными партнёрами.`,
    `Привлёк ${int(rand, 8, 60)} новых клиентов за ${int(rand, 2016, 2025)} год, в том числе крупнейших в отрасли.`,
    `Руководил группой из ${int(rand, 2, 9)} менеджеров, обучал холодным звонкам, квалификации лидов и работе с возражениями.`,
    `Вёл воронку продаж и еженедельный прогноз в ${tool}, отвечал за дебиторскую задолженность своих клиентов.`,
    `Работал с маркетингом над выставками и вебинарами, передавал продуктовой команде обратную связь клиентов.`,
  ];
}

/** A résumé of about `size` characters: English (60 %), Russian (30 %) or both (10 %). */
export function benchResume(rand: () => number, size = 2000): string {
  const industries = pickSome(rand, INDUSTRIES.map((_, i) => i), int(rand, 2, 3));
  const languages = pickSome(rand, LANGUAGES.map((_, i) => i), int(rand, 1, 2));
  const kind = rand();
  const pools = kind < 0.6 ? [englishSentences] : kind < 0.9 ? [russianSentences] : [englishSentences, russianSentences];
  const lines: string[] = [];
  let length = 0;
  for (let round = 0; length < size && round < 20; round += 1) {
    for (const pool of pools) {
      for (const sentence of pool(rand, industries, languages)) {
        if (length >= size) break;
        if (round > 0 && rand() < 0.5) continue;
        lines.push(sentence);
        length += sentence.length + 1;
      }
    }
  }
  return lines.join('\n');
}
