"""Countries with their electricity carbon intensity (Our World in Data, 2024) and time zone.

`Countries.FRANCE()` returns a new Country each call, so that each system owns its objects.
"""
from __future__ import annotations

from typing import Callable

from efp_core.domain.country import Country
from efp_core.sources import Source
from efp_core.units import u
from efp_core.values import SourceObject, SourceValue

OWID_2024 = Source("Our world in data (2024)", "https://ourworldindata.org/grapher/carbon-intensity-electricity")

# (factory name, country name, ISO short name, g CO2-eq/kWh, time zone)
COUNTRY_TABLE: tuple[tuple[str, str, str, int, str], ...] = (
    ('AFGHANISTAN', 'Afghanistan', 'AFG', 123, 'Asia/Kabul'),
    ('ALGERIA', 'Algeria', 'DZA', 633, 'Africa/Algiers'),
    ('ANGOLA', 'Angola', 'AGO', 167, 'Africa/Luanda'),
    ('ARGENTINA', 'Argentina', 'ARG', 358, 'America/Argentina/Buenos_Aires'),
    ('AUSTRALIA', 'Australia', 'AUS', 551, 'Australia/Sydney'),
    ('AUSTRIA', 'Austria', 'AUT', 102, 'Europe/Vienna'),
    ('AZERBAIJAN', 'Azerbaijan', 'AZE', 633, 'Asia/Baku'),
    ('BANGLADESH', 'Bangladesh', 'BGD', 694, 'Asia/Dhaka'),
    ('BELARUS', 'Belarus', 'BLR', 313, 'Europe/Minsk'),
    ('BELGIUM', 'Belgium', 'BEL', 117, 'Europe/Brussels'),
    ('BENIN', 'Benin', 'BEN', 590, 'Africa/Porto-Novo'),
    ('BOLIVIA', 'Bolivia', 'BOL', 468, 'America/La_Paz'),
    ('BRAZIL', 'Brazil', 'BRA', 103, 'America/Sao_Paulo'),
    ('BULGARIA', 'Bulgaria', 'BGR', 264, 'Europe/Sofia'),
    ('BURKINA_FASO', 'Burkina Faso', 'BFA', 554, 'Africa/Ouagadougou'),
    ('BURUNDI', 'Burundi', 'BDI', 230, 'Africa/Bujumbura'),
    ('CAMBODIA', 'Cambodia', 'KHM', 497, 'Asia/Phnom_Penh'),
    ('CAMEROON', 'Cameroon', 'CMR', 285, 'Africa/Douala'),
    ('CANADA', 'Canada', 'CAN', 174, 'America/Toronto'),
    ('CENTRAL_AFRICAN_REPUBLIC', 'Central African Republic', 'CAF', 0, 'Africa/Bangui'),
    ('CHAD', 'Chad', 'TCD', 615, 'Africa/Ndjamena'),
    ('CHILE', 'Chile', 'CHL', 265, 'America/Santiago'),
    ('CHINA', 'China', 'CHN', 559, 'Asia/Shanghai'),
    ('COLOMBIA', 'Colombia', 'COL', 285, 'America/Bogota'),
    ('CONGO', 'Congo', 'COG', 713, 'Africa/Brazzaville'),
    ('COSTA_RICA', 'Costa Rica', 'CRI', 63, 'America/Costa_Rica'),
    ('COTE_D_IVOIRE', "Cote d'Ivoire", 'CIV', 393, 'Africa/Abidjan'),
    ('CUBA', 'Cuba', 'CUB', 638, 'America/Havana'),
    ('CZECHIA', 'Czechia', 'CZE', 413, 'Europe/Prague'),
    ('DEMOCRATIC_REPUBLIC_OF_CONGO', 'Democratic Republic of Congo', 'COD', 27, 'Africa/Kinshasa'),
    ('DENMARK', 'Denmark', 'DNK', 143, 'Europe/Copenhagen'),
    ('DOMINICAN_REPUBLIC', 'Dominican Republic', 'DOM', 566, 'America/Santo_Domingo'),
    ('ECUADOR', 'Ecuador', 'ECU', 209, 'America/Guayaquil'),
    ('EGYPT', 'Egypt', 'EGY', 571, 'Africa/Cairo'),
    ('EL_SALVADOR', 'El Salvador', 'SLV', 101, 'America/El_Salvador'),
    ('ETHIOPIA', 'Ethiopia', 'ETH', 23, 'Africa/Addis_Ababa'),
    ('FINLAND', 'Finland', 'FIN', 72, 'Europe/Helsinki'),
    ('FRANCE', 'France', 'FRA', 44, 'Europe/Paris'),
    ('GERMANY', 'Germany', 'DEU', 344, 'Europe/Berlin'),
    ('GHANA', 'Ghana', 'GHA', 452, 'Africa/Accra'),
    ('GREECE', 'Greece', 'GRC', 319, 'Europe/Athens'),
    ('GUATEMALA', 'Guatemala', 'GTM', 272, 'America/Guatemala'),
    ('GUINEA', 'Guinea', 'GIN', 182, 'Africa/Conakry'),
    ('HAITI', 'Haiti', 'HTI', 534, 'America/Port-au-Prince'),
    ('HONDURAS', 'Honduras', 'HND', 289, 'America/Tegucigalpa'),
    ('HONG_KONG', 'Hong Kong', 'HKG', 681, 'Asia/Hong_Kong'),
    ('HUNGARY', 'Hungary', 'HUN', 182, 'Europe/Budapest'),
    ('INDIA', 'India', 'IND', 708, 'Asia/Kolkata'),
    ('INDONESIA', 'Indonesia', 'IDN', 682, 'Asia/Jakarta'),
    ('IRAN', 'Iran', 'IRN', 641, 'Asia/Tehran'),
    ('IRAQ', 'Iraq', 'IRQ', 689, 'Asia/Baghdad'),
    ('IRELAND', 'Ireland', 'IRL', 279, 'Europe/Dublin'),
    ('ISRAEL', 'Israel', 'ISR', 567, 'Asia/Jerusalem'),
    ('ITALY', 'Italy', 'ITA', 287, 'Europe/Rome'),
    ('JAPAN', 'Japan', 'JPN', 482, 'Asia/Tokyo'),
    ('JORDAN', 'Jordan', 'JOR', 539, 'Asia/Amman'),
    ('KAZAKHSTAN', 'Kazakhstan', 'KAZ', 801, 'Asia/Almaty'),
    ('KENYA', 'Kenya', 'KEN', 84, 'Africa/Nairobi'),
    ('KYRGYZSTAN', 'Kyrgyzstan', 'KGZ', 163, 'Asia/Bishkek'),
    ('LAOS', 'Laos', 'LAO', 232, 'Asia/Vientiane'),
    ('LEBANON', 'Lebanon', 'LBN', 369, 'Asia/Beirut'),
    ('LIBERIA', 'Liberia', 'LBR', 435, 'Africa/Monrovia'),
    ('LIBYA', 'Libya', 'LBY', 830, 'Africa/Tripoli'),
    ('MADAGASCAR', 'Madagascar', 'MDG', 477, 'Indian/Antananarivo'),
    ('MALAWI', 'Malawi', 'MWI', 54, 'Africa/Blantyre'),
    ('MALAYSIA', 'Malaysia', 'MYS', 604, 'Asia/Kuala_Lumpur'),
    ('MALI', 'Mali', 'MLI', 394, 'Africa/Bamako'),
    ('MAURITANIA', 'Mauritania', 'MRT', 481, 'Africa/Nouakchott'),
    ('MEXICO', 'Mexico', 'MEX', 484, 'America/Mexico_City'),
    ('MOROCCO', 'Morocco', 'MAR', 577, 'Africa/Casablanca'),
    ('MOZAMBIQUE', 'Mozambique', 'MOZ', 127, 'Africa/Maputo'),
    ('MYANMAR', 'Myanmar', 'MMR', 569, 'Asia/Yangon'),
    ('NEPAL', 'Nepal', 'NPL', 23, 'Asia/Kathmandu'),
    ('NETHERLANDS', 'Netherlands', 'NLD', 253, 'Europe/Amsterdam'),
    ('NEW_ZEALAND', 'New Zealand', 'NZL', 120, 'Pacific/Auckland'),
    ('NICARAGUA', 'Nicaragua', 'NIC', 288, 'America/Managua'),
    ('NIGER', 'Niger', 'NER', 687, 'Africa/Niamey'),
    ('NIGERIA', 'Nigeria', 'NGA', 507, 'Africa/Lagos'),
    ('NORTH_KOREA', 'North Korea', 'PRK', 344, 'Asia/Pyongyang'),
    ('NORWAY', 'Norway', 'NOR', 30, 'Europe/Oslo'),
    ('OMAN', 'Oman', 'OMN', 545, 'Asia/Muscat'),
    ('PAKISTAN', 'Pakistan', 'PAK', 398, 'Asia/Karachi'),
    ('PALESTINE', 'Palestine', 'PSE', 460, 'Asia/Gaza'),
    ('PAPUA_NEW_GUINEA', 'Papua New Guinea', 'PNG', 513, 'Pacific/Port_Moresby'),
    ('PARAGUAY', 'Paraguay', 'PRY', 24, 'America/Asuncion'),
    ('PERU', 'Peru', 'PER', 263, 'America/Lima'),
    ('PHILIPPINES', 'Philippines', 'PHL', 613, 'Asia/Manila'),
    ('POLAND', 'Poland', 'POL', 614, 'Europe/Warsaw'),
    ('PORTUGAL', 'Portugal', 'PRT', 112, 'Europe/Lisbon'),
    ('ROMANIA', 'Romania', 'ROU', 245, 'Europe/Bucharest'),
    ('RUSSIA', 'Russia', 'RUS', 449, 'Europe/Moscow'),
    ('RWANDA', 'Rwanda', 'RWA', 301, 'Africa/Kigali'),
    ('SAUDI_ARABIA', 'Saudi Arabia', 'SAU', 696, 'Asia/Riyadh'),
    ('SENEGAL', 'Senegal', 'SEN', 535, 'Africa/Dakar'),
    ('SERBIA', 'Serbia', 'SRB', 670, 'Europe/Belgrade'),
    ('SIERRA_LEONE', 'Sierra Leone', 'SLE', 47, 'Africa/Freetown'),
    ('SINGAPORE', 'Singapore', 'SGP', 498, 'Asia/Singapore'),
    ('SLOVAKIA', 'Slovakia', 'SVK', 96, 'Europe/Bratislava'),
    ('SOMALIA', 'Somalia', 'SOM', 523, 'Africa/Mogadishu'),
    ('SOUTH_AFRICA', 'South Africa', 'ZAF', 708, 'Africa/Johannesburg'),
    ('SOUTH_KOREA', 'South Korea', 'KOR', 414, 'Asia/Seoul'),
    ('SOUTH_SUDAN', 'South Sudan', 'SSD', 610, 'Africa/Juba'),
    ('SPAIN', 'Spain', 'ESP', 146, 'Europe/Madrid'),
    ('SRI_LANKA', 'Sri Lanka', 'LKA', 509, 'Asia/Colombo'),
    ('SUDAN', 'Sudan', 'SDN', 214, 'Africa/Khartoum'),
    ('SWEDEN', 'Sweden', 'SWE', 35, 'Europe/Stockholm'),
    ('SWITZERLAND', 'Switzerland', 'CHE', 36, 'Europe/Zurich'),
    ('SYRIA', 'Syria', 'SYR', 682, 'Asia/Damascus'),
    ('TAJIKISTAN', 'Tajikistan', 'TJK', 115, 'Asia/Dushanbe'),
    ('TANZANIA', 'Tanzania', 'TZA', 371, 'Africa/Dar_es_Salaam'),
    ('THAILAND', 'Thailand', 'THA', 554, 'Asia/Bangkok'),
    ('TOGO', 'Togo', 'TGO', 478, 'Africa/Lome'),
    ('TUNISIA', 'Tunisia', 'TUN', 560, 'Africa/Tunis'),
    ('TURKEY', 'Turkey', 'TUR', 469, 'Europe/Istanbul'),
    ('TURKMENISTAN', 'Turkmenistan', 'TKM', 1306, 'Asia/Ashgabat'),
    ('UGANDA', 'Uganda', 'UGA', 57, 'Africa/Kampala'),
    ('UKRAINE', 'Ukraine', 'UKR', 256, 'Europe/Kyiv'),
    ('UNITED_ARAB_EMIRATES', 'United Arab Emirates', 'ARE', 492, 'Asia/Dubai'),
    ('UNITED_KINGDOM', 'United Kingdom', 'GBR', 210, 'Europe/London'),
    ('UNITED_STATES', 'United States', 'USA', 383, 'America/New_York'),
    ('UZBEKISTAN', 'Uzbekistan', 'UZB', 1121, 'Asia/Tashkent'),
    ('VENEZUELA', 'Venezuela', 'VEN', 180, 'America/Caracas'),
    ('VIETNAM', 'Vietnam', 'VNM', 471, 'Asia/Ho_Chi_Minh'),
    ('YEMEN', 'Yemen', 'YEM', 586, 'Asia/Aden'),
    ('ZAMBIA', 'Zambia', 'ZMB', 110, 'Africa/Lusaka'),
    ('ZIMBABWE', 'Zimbabwe', 'ZWE', 298, 'Africa/Harare'),
)


def _factory(name: str, short_name: str, intensity: int, timezone: str) -> Callable[[], Country]:
    def make() -> Country:
        return Country(name, short_name, SourceValue(intensity * u.g / u.kWh, OWID_2024),
                       SourceObject(timezone, OWID_2024))
    make.__name__ = name
    make.__doc__ = f"A new Country for {name} ({intensity} g/kWh, {timezone})."
    return make


class Countries:
    """Factories of countries: `Countries.FRANCE()`."""

    @classmethod
    def all(cls) -> list[Callable[[], Country]]:
        return [getattr(cls, row[0]) for row in COUNTRY_TABLE]


for _row in COUNTRY_TABLE:
    setattr(Countries, _row[0], staticmethod(_factory(*_row[1:])))
