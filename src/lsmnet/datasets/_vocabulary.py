"""Fictional vocabulary of the SYNTHETIC ``indonesia_demo`` dataset.

Provinces with the weights used to place organisations (Jakarta-heavy), issue areas, the
coalitions and the words from which organisation names are composed. All names are invented;
any resemblance to a real organisation is coincidental.
"""

PROVINCES = {
    "DKI Jakarta": 0.38,
    "Jawa Barat": 0.09,
    "Jawa Tengah": 0.07,
    "Jawa Timur": 0.07,
    "DI Yogyakarta": 0.06,
    "Sumatera Utara": 0.05,
    "Aceh": 0.04,
    "Sulawesi Selatan": 0.05,
    "Papua": 0.04,
    "Nusa Tenggara Timur": 0.04,
    "Kalimantan Barat": 0.03,
    "Bali": 0.03,
    "Maluku": 0.02,
    "Sumatera Barat": 0.03,
}

ISSUES = (
    "human-rights", "security-sector-reform", "climate", "environment", "child-protection",
    "gender", "land-rights", "anti-corruption", "health", "education", "indigenous-rights",
    "disaster-response", "labour", "democracy", "legal-aid",
)  # fmt: skip

#: id, name, kind, focus, founded, size, preferred provinces
# fmt: off
COALITIONS = (
    ("C01", "Koalisi Cakrawala untuk Reformasi Keamanan dan HAM", "coalition",
     ("security-sector-reform", "human-rights"), 2016, 56, ()),
    ("C02", "Jaringan Embun Keadilan Iklim", "network", ("climate", "environment"), 2017, 40, ()),
    ("C03", "Aliansi Tunas Lindungi Anak", "alliance", ("child-protection",), 2015, 32, ()),
    ("C04", "Forum Ranting Agraria Sulawesi", "forum", ("land-rights", "indigenous-rights"),
     2019, 9, ("Sulawesi Selatan",)),
    ("C05", "Koalisi Obor Antikorupsi Jawa Timur", "coalition", ("anti-corruption", "democracy"),
     2018, 10, ("Jawa Timur",)),
    ("C06", "Jaringan Sekar Perempuan Pesisir", "network", ("gender", "environment"), 2018, 8, ()),
    ("C07", "Forum Pijar Tanggap Bencana Timur", "forum", ("disaster-response", "health"), 2019, 9,
     ("Nusa Tenggara Timur", "Maluku", "Bali")),
    ("C08", "Aliansi Rimba Masyarakat Adat Kalimantan", "alliance",
     ("indigenous-rights", "land-rights"), 2020, 7, ("Kalimantan Barat",)),
    ("C09", "Koalisi Dian Pendidikan Inklusif", "coalition", ("education", "child-protection"),
     2017, 10, ()),
    ("C10", "Jaringan Sauh Bantuan Hukum", "network", ("legal-aid", "human-rights"), 2014, 12, ()),
    ("C11", "Forum Untai Buruh Berkeadilan", "forum", ("labour", "human-rights"), 2018, 8, ()),
    ("C12", "Koalisi Kirana Kesehatan Ibu dan Anak", "coalition", ("health", "child-protection"),
     2019, 9, ()),
    ("C13", "Jaringan Layar Pemantau Demokrasi", "network", ("democracy", "anti-corruption"),
     2018, 11, ()),
)
# fmt: on

WORDS = (
    "Adil", "Arus", "Bakti", "Benih", "Bina", "Bumi", "Cahaya", "Cakra", "Damai", "Daya",
    "Embun", "Fajar", "Galang", "Gema", "Harapan", "Hijau", "Insan", "Karya", "Kirana", "Layar",
    "Lentera", "Lestari", "Mandiri", "Merdeka", "Mitra", "Nurani", "Nusa", "Obor", "Peduli",
    "Pelita", "Pijar", "Pilar", "Rakyat", "Ranting", "Rimba", "Rumah", "Sahabat", "Samudra",
    "Sauh", "Sejahtera", "Sekar", "Sinar", "Suara", "Swadaya", "Tapak", "Teduh", "Tunas",
    "Untai", "Warga", "Wicara",
)  # fmt: skip

PREFIXES = {
    "ngo": ("Yayasan", "Perkumpulan", "Lembaga", "Lingkar", "Pusat Studi"),
    "cbo": ("Kelompok", "Paguyuban", "Komunitas", "Serikat"),
}

FUNDERS = (
    "Dana Mitra Lestari",
    "Yayasan Dana Kemanusiaan Bersama",
    "Program Hibah Samudra Raya",
    "Dana Abadi Cakrawala Timur",
    "Kemitraan Dana Pelangi",
)

INGOS = (
    "Solidarité Nusantara International",
    "Stiftung Brücke Asien – Indonesia",
    "Kinderhilfe Pelangi Indonesia",
    "Global Tide Partners Indonesia",
    "Ōkawa Rights Foundation Indonesia",
    "Harbor Light Alliance Indonesia",
)

ACADEMIC_TOPICS = ("Kajian HAM", "Studi Iklim", "Kajian Gender", "Studi Kebijakan Publik",
                   "Kajian Hukum", "Studi Perdesaan")  # fmt: skip
UNIVERSITIES = ("Cendana Raya", "Tanjung Lestari", "Bukit Kenari", "Pesisir Utara",
                "Gunung Sekar", "Lembah Hijau")  # fmt: skip
GOVERNMENT = (
    "Unit Layanan Terpadu Warga Kota Tanjung Kenari",
    "Badan Koordinasi Bencana Kabupaten Sekar Alam",
    "Kantor Pelayanan Perlindungan Anak Kota Embun Raya",
)
PRIVATE = ("PT Bumi Teduh Lestari", "PT Arus Samudra Mandiri", "PT Sinar Pelita Karya")
