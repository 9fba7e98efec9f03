import { translator } from '../../../src/i18n/i18n';
import { formatters } from '../../../src/reports/report-pages.views';

describe('report number formatting', () => {
  it('when a count runs into thousands, then it is grouped the way the page’s language writes it', () => {
    expect(formatters('en', translator('en')).count(11364)).toBe('11,364');
    // Russian groups with a (narrow) no-break space, so the number never wraps.
    expect(formatters('ru', translator('ru')).count(11364)).toMatch(/^11[\u00a0\u202f]364$/);
    expect(formatters('en', translator('en')).count(12)).toBe('12');
  });

  it('when shares and means are formatted, then each language keeps its own decimal mark', () => {
    const en = formatters('en', translator('en'));
    const ru = formatters('ru', translator('ru'));
    expect([en.number(2.5), ru.number(2.5), en.percent(0.456), en.signed(-0.25)]).toEqual(['2.50', '2,50', '46%', '−0.25']);
    expect(en.number(null)).toBe(translator('en')('reports.none'));
  });
});
