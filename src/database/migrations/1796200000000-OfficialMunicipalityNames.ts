import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seeded municipalities get their formal names (docs/operator.md, "Names of municipalities and
 * regions"): "Stockholms kommun", not "Stockholm kommun"; the source's wrong genitives stay
 * corrected ("Kalmar kommun", "Falu kommun"). Only a row whose name is still the one the earlier
 * seed built is renamed, so a name an operator edited (e.g. "Stockholms stad") is kept.
 * The list is frozen here: kommunkod, the name the earlier seed gave, the formal name.
 */
const RENAMES: readonly (readonly [string, string, string])[] = [
  ['0117', 'Österåker kommun', 'Österåkers kommun'],
  ['0128', 'Salem kommun', 'Salems kommun'],
  ['0140', 'Nykvarn kommun', 'Nykvarns kommun'],
  ['0162', 'Danderyd kommun', 'Danderyds kommun'],
  ['0180', 'Stockholm kommun', 'Stockholms kommun'],
  ['0183', 'Sundbyberg kommun', 'Sundbybergs kommun'],
  ['0187', 'Vaxholm kommun', 'Vaxholms kommun'],
  ['0192', 'Nynäshamn kommun', 'Nynäshamns kommun'],
  ['0360', 'Tierp kommun', 'Tierps kommun'],
  ['0381', 'Enköping kommun', 'Enköpings kommun'],
  ['0382', 'Östhammar kommun', 'Östhammars kommun'],
  ['0428', 'Vingåker kommun', 'Vingåkers kommun'],
  ['0480', 'Nyköping kommun', 'Nyköpings kommun'],
  ['0481', 'Oxelösund kommun', 'Oxelösunds kommun'],
  ['0482', 'Flen kommun', 'Flens kommun'],
  ['0483', 'Katrineholm kommun', 'Katrineholms kommun'],
  ['0509', 'Ödeshög kommun', 'Ödeshögs kommun'],
  ['0560', 'Boxholm kommun', 'Boxholms kommun'],
  ['0561', 'Åtvidaberg kommun', 'Åtvidabergs kommun'],
  ['0562', 'Finspång kommun', 'Finspångs kommun'],
  ['0563', 'Valdemarsvik kommun', 'Valdemarsviks kommun'],
  ['0580', 'Linköping kommun', 'Linköpings kommun'],
  ['0581', 'Norrköping kommun', 'Norrköpings kommun'],
  ['0582', 'Söderköping kommun', 'Söderköpings kommun'],
  ['0662', 'Gislaved kommun', 'Gislaveds kommun'],
  ['0665', 'Vaggeryd kommun', 'Vaggeryds kommun'],
  ['0680', 'Jönköping kommun', 'Jönköpings kommun'],
  ['0763', 'Tingsryd kommun', 'Tingsryds kommun'],
  ['0765', 'Älmhult kommun', 'Älmhults kommun'],
  ['0767', 'Markaryd kommun', 'Markaryds kommun'],
  ['0860', 'Hultsfred kommun', 'Hultsfreds kommun'],
  ['0882', 'Oskarshamn kommun', 'Oskarshamns kommun'],
  ['0883', 'Västervik kommun', 'Västerviks kommun'],
  ['0885', 'Borgholm kommun', 'Borgholms kommun'],
  ['1060', 'Olofström kommun', 'Olofströms kommun'],
  ['1082', 'Karlshamn kommun', 'Karlshamns kommun'],
  ['1083', 'Sölvesborg kommun', 'Sölvesborgs kommun'],
  ['1214', 'Svalöv kommun', 'Svalövs kommun'],
  ['1230', 'Staffanstorp kommun', 'Staffanstorps kommun'],
  ['1231', 'Burlöv kommun', 'Burlövs kommun'],
  ['1260', 'Bjuv kommun', 'Bjuvs kommun'],
  ['1264', 'Skurup kommun', 'Skurups kommun'],
  ['1267', 'Höör kommun', 'Höörs kommun'],
  ['1275', 'Perstorp kommun', 'Perstorps kommun'],
  ['1276', 'Klippan kommun', 'Klippans kommun'],
  ['1277', 'Åstorp kommun', 'Åstorps kommun'],
  ['1278', 'Båstad kommun', 'Båstads kommun'],
  ['1281', 'Lund kommun', 'Lunds kommun'],
  ['1283', 'Helsingborg kommun', 'Helsingborgs kommun'],
  ['1285', 'Eslöv kommun', 'Eslövs kommun'],
  ['1286', 'Ystad kommun', 'Ystads kommun'],
  ['1287', 'Trelleborg kommun', 'Trelleborgs kommun'],
  ['1290', 'Kristianstad kommun', 'Kristianstads kommun'],
  ['1291', 'Simrishamn kommun', 'Simrishamns kommun'],
  ['1292', 'Ängelholm kommun', 'Ängelholms kommun'],
  ['1293', 'Hässleholm kommun', 'Hässleholms kommun'],
  ['1380', 'Halmstad kommun', 'Halmstads kommun'],
  ['1381', 'Laholm kommun', 'Laholms kommun'],
  ['1382', 'Falkenberg kommun', 'Falkenbergs kommun'],
  ['1383', 'Varberg kommun', 'Varbergs kommun'],
  ['1415', 'Stenungsund kommun', 'Stenungsunds kommun'],
  ['1419', 'Tjörn kommun', 'Tjörns kommun'],
  ['1421', 'Orust kommun', 'Orusts kommun'],
  ['1430', 'Munkedal kommun', 'Munkedals kommun'],
  ['1435', 'Tanum kommun', 'Tanums kommun'],
  ['1438', 'Dals-Ed kommun', 'Dals-Eds kommun'],
  ['1441', 'Lerum kommun', 'Lerums kommun'],
  ['1443', 'Bollebygd kommun', 'Bollebygds kommun'],
  ['1444', 'Grästorp kommun', 'Grästorps kommun'],
  ['1446', 'Karlsborg kommun', 'Karlsborgs kommun'],
  ['1447', 'Gullspång kommun', 'Gullspångs kommun'],
  ['1461', 'Mellerud kommun', 'Melleruds kommun'],
  ['1462', 'Lilla Edet kommun', 'Lilla Edets kommun'],
  ['1463', 'Mark kommun', 'Marks kommun'],
  ['1480', 'Göteborg kommun', 'Göteborgs kommun'],
  ['1481', 'Mölndal kommun', 'Mölndals kommun'],
  ['1482', 'Kungälv kommun', 'Kungälvs kommun'],
  ['1484', 'Lysekil kommun', 'Lysekils kommun'],
  ['1486', 'Strömstad kommun', 'Strömstads kommun'],
  ['1487', 'Vänersborg kommun', 'Vänersborgs kommun'],
  ['1488', 'Trollhättan kommun', 'Trollhättans kommun'],
  ['1491', 'Ulricehamn kommun', 'Ulricehamns kommun'],
  ['1492', 'Åmål kommun', 'Åmåls kommun'],
  ['1493', 'Mariestad kommun', 'Mariestads kommun'],
  ['1494', 'Lidköping kommun', 'Lidköpings kommun'],
  ['1498', 'Tidaholm kommun', 'Tidaholms kommun'],
  ['1499', 'Falköping kommun', 'Falköpings kommun'],
  ['1715', 'Kil kommun', 'Kils kommun'],
  ['1765', 'Årjäng kommun', 'Årjängs kommun'],
  ['1780', 'Karlstad kommun', 'Karlstads kommun'],
  ['1781', 'Kristinehamn kommun', 'Kristinehamns kommun'],
  ['1782', 'Filipstad kommun', 'Filipstads kommun'],
  ['1814', 'Lekeberg kommun', 'Lekebergs kommun'],
  ['1861', 'Hallsberg kommun', 'Hallsbergs kommun'],
  ['1864', 'Ljusnarsberg kommun', 'Ljusnarsbergs kommun'],
  ['1882', 'Askersund kommun', 'Askersunds kommun'],
  ['1885', 'Lindesberg kommun', 'Lindesbergs kommun'],
  ['1904', 'Skinnskatteberg kommun', 'Skinnskattebergs kommun'],
  ['1907', 'Surahammar kommun', 'Surahammars kommun'],
  ['1960', 'Kungsör kommun', 'Kungsörs kommun'],
  ['1961', 'Hallstahammar kommun', 'Hallstahammars kommun'],
  ['1962', 'Norberg kommun', 'Norbergs kommun'],
  ['1983', 'Köping kommun', 'Köpings kommun'],
  ['2023', 'Malung-Sälen kommun', 'Malung-Sälens kommun'],
  ['2026', 'Gagnef kommun', 'Gagnefs kommun'],
  ['2029', 'Leksand kommun', 'Leksands kommun'],
  ['2031', 'Rättvik kommun', 'Rättviks kommun'],
  ['2039', 'Älvdalen kommun', 'Älvdalens kommun'],
  ['2061', 'Smedjebacken kommun', 'Smedjebackens kommun'],
  ['2080', 'Falun kommun', 'Falu kommun'],
  ['2082', 'Säter kommun', 'Säters kommun'],
  ['2121', 'Ovanåker kommun', 'Ovanåkers kommun'],
  ['2132', 'Nordanstig kommun', 'Nordanstigs kommun'],
  ['2161', 'Ljusdal kommun', 'Ljusdals kommun'],
  ['2181', 'Sandviken kommun', 'Sandvikens kommun'],
  ['2182', 'Söderhamn kommun', 'Söderhamns kommun'],
  ['2184', 'Hudiksvall kommun', 'Hudiksvalls kommun'],
  ['2280', 'Härnösand kommun', 'Härnösands kommun'],
  ['2281', 'Sundsvall kommun', 'Sundsvalls kommun'],
  ['2284', 'Örnsköldsvik kommun', 'Örnsköldsviks kommun'],
  ['2309', 'Krokom kommun', 'Krokoms kommun'],
  ['2313', 'Strömsund kommun', 'Strömsunds kommun'],
  ['2326', 'Berg kommun', 'Bergs kommun'],
  ['2361', 'Härjedalen kommun', 'Härjedalens kommun'],
  ['2380', 'Östersund kommun', 'Östersunds kommun'],
  ['2401', 'Nordmaling kommun', 'Nordmalings kommun'],
  ['2403', 'Bjurholm kommun', 'Bjurholms kommun'],
  ['2404', 'Vindeln kommun', 'Vindelns kommun'],
  ['2421', 'Storuman kommun', 'Storumans kommun'],
  ['2505', 'Arvidsjaur kommun', 'Arvidsjaurs kommun'],
  ['2506', 'Arjeplog kommun', 'Arjeplogs kommun'],
  ['2510', 'Jokkmokk kommun', 'Jokkmokks kommun'],
  ['2560', 'Älvsbyn kommun', 'Älvsbyns kommun'],
  ['2582', 'Boden kommun', 'Bodens kommun'],
];

/** As src/organizations/search-name.ts at the time of writing (frozen, like the list). */
function searchName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export class OfficialMunicipalityNames1796200000000 implements MigrationInterface {
  name = 'OfficialMunicipalityNames1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.rename(
      queryRunner,
      RENAMES.map(([code, from, to]) => [code, from, to]),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await this.rename(
      queryRunner,
      RENAMES.map(([code, from, to]) => [code, to, from]),
    );
  }

  private async rename(queryRunner: QueryRunner, renames: readonly (readonly [string, string, string])[]) {
    await queryRunner.query(
      `UPDATE organization o
          SET name = r.name_to, search_name = r.search_to
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[])
              AS r(code, name_from, name_to, search_to)
        WHERE o.kind = 'MUNICIPALITY' AND o.municipality_code = r.code AND o.name = r.name_from`,
      [
        renames.map((r) => r[0]),
        renames.map((r) => r[1]),
        renames.map((r) => r[2]),
        renames.map((r) => searchName(r[2])),
      ],
    );
  }
}
