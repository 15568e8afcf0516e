/**
 * Korean public holidays (관공서 공휴일) 2020-2027, one row per holiday date, sorted.
 *
 * Legal basis
 * - 「관공서의 공휴일에 관한 규정」 (Presidential Decree; substitute-holiday rule in art. 3) and, from
 *   2022, 「공휴일에 관한 법률」 (Act on Public Holidays, enacted 2021-07-07):
 *   https://www.law.go.kr/법령/관공서의공휴일에관한규정 , https://www.law.go.kr/법령/공휴일에관한법률
 * - Dates of the lunar holidays and the yearly list: KASI (한국천문연구원) 월력요항 / 특일 정보,
 *   https://astro.kasi.re.kr/life/post/calendarData (2027 lunar month starts: 1/1 = 2027-02-07,
 *   4/1 = 2027-05-06, 8/1 = 2027-09-01) and the data.go.kr 특일 정보 API
 *   (https://www.data.go.kr/data/15012690/openapi.do), as reported in the press articles below.
 *
 * Substitute-holiday (대체공휴일) rules applied
 * - Seollal / Chuseok (each 3 days): only when a day falls on a Sunday or on another public holiday
 *   (not on a Saturday) -> the first following non-holiday. Children's Day: Saturday, Sunday or
 *   another holiday (since 2014).
 * - 3·1절, 광복절, 개천절, 한글날: Saturday or Sunday, from 2021-08-04 (first case 2021-08-16).
 * - Buddha's Birthday and Christmas: Saturday or Sunday, from May 2023 (first case 2023-05-29).
 * - Constitution Day (제헌절, 7-17) is a public holiday again: the Act on Public Holidays was amended
 *   on 2026-01-29 to cover every national day (in force three months after promulgation; expected to
 *   apply from 2026-07-17). Sources: https://www.koreaherald.com/article/10665867 ,
 *   https://m.seoul.co.kr/news/2026/01/29/20260129500182 .
 * - New Year's Day and Memorial Day never get a substitute.
 *
 * NOT included (UNVERIFIED): Labour Day (노동절, 5-1). The May-1 day was renamed in 2025 and the
 * government announced it would seek public-holiday status from 2026 (Korea Herald 10603103, segye
 * 20251212505366), but no source consulted confirms that the law passed; some third-party calendars
 * already list it (and a 2027-05-03 substitute). Add it here once the law is confirmed.
 * Not designated: 2025-10-10 (a proposed temporary holiday that was not adopted; mdaily veXHq6z9).
 *
 * `confidence`
 * - 'sourced': the date (for lunar holidays: the lunar date; for fixed ones: the decree) was read in
 *   a source listed here.
 * - 'derived': computed from sourced dates by the substitute rule above; no source listing it was
 *   consulted.
 * - 'unverified': neither the date nor its legal status was confirmed by a consulted source.
 *
 * Per-year sources consulted (press reports of the official 월력요항 and government decisions):
 * 2020 https://www.kmib.co.kr/article/view_amp.asp?arcid=0013365410 (월력요항: Seollal 1-25,
 *      substitute 1-27, election 4-15, Chuseok 10-1), https://www.kmib.co.kr/article/view_amp.asp?arcid=0014823701 (8-17)
 * 2021 https://m.mt.co.kr/renew/view.html?no=2020061509570927799 (월력요항),
 *      https://happymocca.tistory.com/102 (list), http://www.laserpro.or.kr/bbs/board.php?bo_table=news&wr_id=1910 (8-16, 10-4, 10-11)
 * 2022 https://gyul-2jo.tistory.com/37 (full list incl. 3-9, 6-1, 9-12, 10-10)
 * 2023 https://www.ekn.kr/web/view.php?key=20221201010000196 , https://kikinam.tistory.com (5-29),
 *      https://credit.aisurvivorship.com/2024/09/ (10-2 temporary of 2023)
 * 2024 https://www.paypalbenefits.com/sko/time-away/holidays , https://kuk.kode.co.kr/article/view/kuk202409030015 (10-1)
 * 2025 https://ekn.kr/web/view.php?key=20241230022510167 (3-3, 5-6, 10-8), http://thegnnews.com/View.aspx?No=3273018
 *      (월력요항), https://nareumlog.tistory.com/8 (1-27)
 * 2026 https://www.innno.co.kr/2025/12/2026.html , http://m-news.korea.com/newsView/20251130692b13d32d1e6
 * 2027 KASI calendarData (lunar dates above); https://pypi.org/project/ppalgannal/ (2-9 substitute)
 */

export type KoreanHolidayKind = 'fixed' | 'lunar' | 'substitute' | 'temporary' | 'election';

export type HolidayConfidence = 'sourced' | 'derived' | 'unverified';

export interface KoreanHolidayRow {
  /** 'YYYY-MM-DD', a KST calendar day. */
  readonly date: string;
  readonly nameKo: string;
  readonly nameEn: string;
  readonly kind: KoreanHolidayKind;
  readonly confidence: HolidayConfidence;
  readonly note?: string;
}

type Row = KoreanHolidayRow;

const row = (
  date: string,
  nameKo: string,
  nameEn: string,
  kind: KoreanHolidayKind,
  confidence: HolidayConfidence,
  note?: string,
): Row =>
  note === undefined
    ? { date, nameKo, nameEn, kind, confidence }
    : { date, nameKo, nameEn, kind, confidence, note };

// Short builders keep the table one line per date.
const newYear = (y: number) => row(`${y}-01-01`, '신정', "New Year's Day", 'fixed', 'sourced');
const seollal = (date: string, which: 'eve' | 'day' | 'after', c: HolidayConfidence) =>
  row(
    date,
    which === 'eve' ? '설날 전날' : which === 'day' ? '설날' : '설날 다음날',
    which === 'eve' ? 'Seollal eve' : which === 'day' ? 'Seollal' : 'Day after Seollal',
    'lunar',
    c,
  );
const chuseok = (date: string, which: 'eve' | 'day' | 'after', c: HolidayConfidence) =>
  row(
    date,
    which === 'eve' ? '추석 전날' : which === 'day' ? '추석' : '추석 다음날',
    which === 'eve' ? 'Chuseok eve' : which === 'day' ? 'Chuseok' : 'Day after Chuseok',
    'lunar',
    c,
  );
const samil = (y: number) =>
  row(`${y}-03-01`, '3·1절', 'Independence Movement Day', 'fixed', 'sourced');
const children = (y: number) => row(`${y}-05-05`, '어린이날', "Children's Day", 'fixed', 'sourced');
const buddha = (date: string, c: HolidayConfidence) =>
  row(date, '부처님오신날', "Buddha's Birthday", 'lunar', c);
const memorial = (y: number) => row(`${y}-06-06`, '현충일', 'Memorial Day', 'fixed', 'sourced');
const liberation = (y: number) => row(`${y}-08-15`, '광복절', 'Liberation Day', 'fixed', 'sourced');
const foundation = (y: number) =>
  row(`${y}-10-03`, '개천절', 'National Foundation Day', 'fixed', 'sourced');
const hangeul = (y: number) => row(`${y}-10-09`, '한글날', 'Hangeul Day', 'fixed', 'sourced');
const christmas = (y: number) =>
  row(`${y}-12-25`, '기독탄신일', 'Christmas Day', 'fixed', 'sourced');
const substitute = (date: string, forEn: string, c: HolidayConfidence, note?: string) =>
  row(date, '대체공휴일', `Substitute holiday (${forEn})`, 'substitute', c, note);

export const KOREAN_HOLIDAY_ROWS: readonly KoreanHolidayRow[] = [
  // 2020
  newYear(2020),
  seollal('2020-01-24', 'eve', 'sourced'),
  seollal('2020-01-25', 'day', 'sourced'),
  seollal('2020-01-26', 'after', 'sourced'),
  substitute('2020-01-27', 'Seollal', 'sourced', 'Seollal 01-26 fell on a Sunday'),
  samil(2020),
  row('2020-04-15', '국회의원선거일', '21st National Assembly election', 'election', 'sourced'),
  buddha('2020-04-30', 'unverified'),
  children(2020),
  memorial(2020),
  liberation(2020),
  row('2020-08-17', '임시공휴일', 'Temporary holiday', 'temporary', 'sourced'),
  chuseok('2020-09-30', 'eve', 'sourced'),
  chuseok('2020-10-01', 'day', 'sourced'),
  chuseok('2020-10-02', 'after', 'sourced'),
  foundation(2020),
  hangeul(2020),
  christmas(2020),
  // 2021
  newYear(2021),
  seollal('2021-02-11', 'eve', 'sourced'),
  seollal('2021-02-12', 'day', 'sourced'),
  seollal('2021-02-13', 'after', 'sourced'),
  samil(2021),
  children(2021),
  buddha('2021-05-19', 'sourced'),
  memorial(2021),
  liberation(2021),
  substitute('2021-08-16', 'Liberation Day', 'sourced', 'first substitute for a national day'),
  chuseok('2021-09-20', 'eve', 'sourced'),
  chuseok('2021-09-21', 'day', 'sourced'),
  chuseok('2021-09-22', 'after', 'sourced'),
  foundation(2021),
  substitute('2021-10-04', 'National Foundation Day', 'sourced'),
  hangeul(2021),
  substitute('2021-10-11', 'Hangeul Day', 'sourced'),
  christmas(2021),
  // 2022
  newYear(2022),
  seollal('2022-01-31', 'eve', 'sourced'),
  seollal('2022-02-01', 'day', 'sourced'),
  seollal('2022-02-02', 'after', 'sourced'),
  samil(2022),
  row('2022-03-09', '대통령선거일', '20th presidential election', 'election', 'sourced'),
  children(2022),
  buddha('2022-05-08', 'sourced'),
  row('2022-06-01', '전국동시지방선거일', '8th local elections', 'election', 'sourced'),
  memorial(2022),
  liberation(2022),
  chuseok('2022-09-09', 'eve', 'sourced'),
  chuseok('2022-09-10', 'day', 'sourced'),
  chuseok('2022-09-11', 'after', 'sourced'),
  substitute('2022-09-12', 'Chuseok', 'sourced'),
  foundation(2022),
  hangeul(2022),
  substitute('2022-10-10', 'Hangeul Day', 'sourced'),
  christmas(2022),
  // 2023
  newYear(2023),
  seollal('2023-01-21', 'eve', 'sourced'),
  seollal('2023-01-22', 'day', 'sourced'),
  seollal('2023-01-23', 'after', 'sourced'),
  substitute('2023-01-24', 'Seollal', 'sourced'),
  samil(2023),
  children(2023),
  buddha('2023-05-27', 'sourced'),
  substitute(
    '2023-05-29',
    "Buddha's Birthday",
    'sourced',
    "first substitute for Buddha's Birthday",
  ),
  memorial(2023),
  liberation(2023),
  chuseok('2023-09-28', 'eve', 'sourced'),
  chuseok('2023-09-29', 'day', 'sourced'),
  chuseok('2023-09-30', 'after', 'sourced'),
  row('2023-10-02', '임시공휴일', 'Temporary holiday', 'temporary', 'sourced'),
  foundation(2023),
  hangeul(2023),
  christmas(2023),
  // 2024
  newYear(2024),
  seollal('2024-02-09', 'eve', 'sourced'),
  seollal('2024-02-10', 'day', 'sourced'),
  seollal('2024-02-11', 'after', 'sourced'),
  substitute('2024-02-12', 'Seollal', 'sourced'),
  samil(2024),
  row('2024-04-10', '국회의원선거일', '22nd National Assembly election', 'election', 'sourced'),
  children(2024),
  substitute('2024-05-06', "Children's Day", 'sourced'),
  buddha('2024-05-15', 'sourced'),
  memorial(2024),
  liberation(2024),
  chuseok('2024-09-16', 'eve', 'sourced'),
  chuseok('2024-09-17', 'day', 'sourced'),
  chuseok('2024-09-18', 'after', 'sourced'),
  row(
    '2024-10-01',
    '임시공휴일(국군의 날)',
    'Temporary holiday (Armed Forces Day)',
    'temporary',
    'sourced',
  ),
  foundation(2024),
  hangeul(2024),
  christmas(2024),
  // 2025
  newYear(2025),
  row('2025-01-27', '임시공휴일', 'Temporary holiday', 'temporary', 'sourced'),
  seollal('2025-01-28', 'eve', 'sourced'),
  seollal('2025-01-29', 'day', 'sourced'),
  seollal('2025-01-30', 'after', 'sourced'),
  samil(2025),
  substitute('2025-03-03', 'Independence Movement Day', 'sourced'),
  row(
    '2025-05-05',
    '어린이날·부처님오신날',
    "Children's Day and Buddha's Birthday",
    'lunar',
    'sourced',
    'both holidays fall on 05-05',
  ),
  substitute('2025-05-06', "Children's Day / Buddha's Birthday", 'sourced'),
  row(
    '2025-06-03',
    '대통령선거일',
    '21st presidential election',
    'election',
    'unverified',
    'early election after the 2025 impeachment; date not read in a consulted source',
  ),
  memorial(2025),
  liberation(2025),
  foundation(2025),
  chuseok('2025-10-05', 'eve', 'sourced'),
  chuseok('2025-10-06', 'day', 'sourced'),
  chuseok('2025-10-07', 'after', 'sourced'),
  substitute('2025-10-08', 'Chuseok', 'sourced'),
  hangeul(2025),
  christmas(2025),
  // 2026
  newYear(2026),
  seollal('2026-02-16', 'eve', 'sourced'),
  seollal('2026-02-17', 'day', 'sourced'),
  seollal('2026-02-18', 'after', 'sourced'),
  samil(2026),
  substitute('2026-03-02', 'Independence Movement Day', 'sourced'),
  children(2026),
  buddha('2026-05-24', 'sourced'),
  substitute('2026-05-25', "Buddha's Birthday", 'sourced'),
  row('2026-06-03', '전국동시지방선거일', '9th local elections', 'election', 'sourced'),
  memorial(2026),
  row(
    '2026-07-17',
    '제헌절',
    'Constitution Day',
    'fixed',
    'sourced',
    'public holiday again from 2026 (Act amended 2026-01-29)',
  ),
  liberation(2026),
  substitute('2026-08-17', 'Liberation Day', 'sourced'),
  chuseok('2026-09-24', 'eve', 'sourced'),
  chuseok('2026-09-25', 'day', 'sourced'),
  chuseok('2026-09-26', 'after', 'sourced'),
  foundation(2026),
  substitute('2026-10-05', 'National Foundation Day', 'sourced'),
  hangeul(2026),
  christmas(2026),
  // 2027 (lunar dates from KASI; substitutes derived from the rule unless a source is named above)
  newYear(2027),
  seollal('2027-02-06', 'eve', 'sourced'),
  seollal('2027-02-07', 'day', 'sourced'),
  seollal('2027-02-08', 'after', 'sourced'),
  substitute('2027-02-09', 'Seollal', 'sourced', 'Seollal 02-07 falls on a Sunday'),
  samil(2027),
  children(2027),
  buddha('2027-05-13', 'sourced'),
  memorial(2027),
  row('2027-07-17', '제헌절', 'Constitution Day', 'fixed', 'sourced'),
  substitute(
    '2027-07-19',
    'Constitution Day',
    'unverified',
    'assumes the substitute rule covers Constitution Day like the other national days',
  ),
  liberation(2027),
  substitute('2027-08-16', 'Liberation Day', 'derived'),
  chuseok('2027-09-14', 'eve', 'sourced'),
  chuseok('2027-09-15', 'day', 'sourced'),
  chuseok('2027-09-16', 'after', 'sourced'),
  foundation(2027),
  substitute('2027-10-04', 'National Foundation Day', 'derived'),
  hangeul(2027),
  substitute('2027-10-11', 'Hangeul Day', 'derived'),
  christmas(2027),
  substitute('2027-12-27', 'Christmas Day', 'derived'),
];
