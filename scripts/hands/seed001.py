"""Seed 001 (Đồng Tháp, Kế hoạch duy trì, cải tiến HTQLCL năm 2022), Phụ lục 1.

The agency list below is copied verbatim from shared/seeds/001_e621a2b685069261.txt
(STT, name) with the seed's sub-group rows.  `check_against_seed()` re-reads the seed
when it is present and fails if a single character differs.
"""
import os
import re

SEED_PATH_CANDIDATES = [
    os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "seeds", "001_e621a2b685069261.txt"),
    "/work/shared/seeds/001_e621a2b685069261.txt",
]

PROVINCE = "tỉnh Đồng Tháp"
G_SO = "Cơ quan cấp sở, ngành"
G_CM = "Cơ quan chuyên môn thuộc sở, ngành"
G_HUYEN = "Cơ quan cấp huyện"
G_XA = "Cơ quan cấp xã"
GROUPS = [G_SO, G_CM, G_HUYEN, G_XA]

SECTION_I = """01	VP UBND Tỉnh
02	Sở Xây dựng
03	Sở Kế hoạch và Đầu tư
04	Sở Tài nguyên và Môi trường
05	Sở Khoa học và Công nghệ
06	Sở Tài Chính
07	Sở Tư Pháp
08	Sở Nội vụ
09	Sở Ngoại vụ
10	Sở Nông nghiệp và PTNT
11	Sở Lao động, Thương binh và Xã hội
12	Sở Giao thông - Vận tải
13	Sở Y Tế
14	Sở Công Thương
15	Sở Giáo dục và Đào tạo
16	Sở Thông tin - Truyền thông
17	Sở Văn hóa, Thể thao và Du lịch
18	Cục thuế Tỉnh
19	Thanh tra Tỉnh
20	Ban Quản lý Khu kinh tế"""

# name, parent department (the seed gives no parent; these are the departments each
# chi cục belonged to in 2022, used only to decide which file sends it)
SECTION_II = """21	Chi cục Thủy lợi	Sở Nông nghiệp và PTNT
22	Chi cục Chăn nuôi, Thú y và Thủy sản	Sở Nông nghiệp và PTNT
23	Chi cục Phát triển Nông thôn	Sở Nông nghiệp và PTNT
24	Chi cục Bảo vệ môi trường	Sở Tài nguyên và Môi trường
25	Chi cục Dân số - KHHGD	Sở Y Tế
26	Chi cục An toàn Vệ sinh thực phẩm	Sở Y Tế
27	Chi cục Trồng trọt và Bảo vệ thực vật	Sở Nông nghiệp và PTNT
28	Chi cục Quản lý Đất đai	Sở Tài nguyên và Môi trường
29	Chi cục Tiêu chuẩn Đo lường Chất lượng	Sở Khoa học và Công nghệ
30	Chi cục Kiểm Lâm	Sở Nông nghiệp và PTNT"""

# seed sub-group label | canonical area
SECTION_III = """	- Thành phố Cao Lãnh	thành phố Cao Lãnh
31	UBND thành phố Cao Lãnh
32	UBND Phường 1
33	UBND Phường 2
34	UBND xã Hòa An
35	UBND xã Tân Thuận Đông
36	UBND phường 3
37	UBND phường 4
38	UBND phường 11
39	UBND phường Mỹ Phú
40	UBND xã Mỹ Tân
41	UBND xã Tân Thuận Tây
42	UBND xã Tịnh Thới
	- Thành phố xã Sa Đéc	thành phố Sa Đéc
43	UBND thành phố Sa Đéc
44	UBND phường 2
45	UBND phường Tân Qui Đông
46	UBND xã Tân Khánh Đông
47	UBND xã Tân Qui Tây
48	UBND xã Tân Phú Đông
49	UBND phường 1
50	UBND phường 3
51	UBND phường An Hoà
	- Thành phố Hồng Ngự	thành phố Hồng Ngự
52	UBND thành phố Hồng Ngự
53	UBND phường An Lộc
54	UBND xã An Bình A
55	UBND xã An Bình B
56	UBND xã Tân Hội
57	UBND phường An Lạc
58	UBND phường An Thạnh
	- Huyện Hồng Ngự	huyện Hồng Ngự
59	UBND huyện Hồng Ngự
60	UBND xã Thường Thới Tiền
61	UBND xã Thường Phước 2
62	UBND xã Long Thuận
63	UBND xã Thường Phước 1
64	UBND xã Thường Lạc
65	UBND xã Phú Thuận A
66	UBND xã Phú Thuận B
67	UBND xã Long Khánh A
68	UBND xã Long Khánh B
	- Huyện Tân Hồng	huyện Tân Hồng
69	UBND huyện Tân Hồng
70	UBND thị trấn Sa Rài
71	UBND xã Tân Công Chí
72	UBND xã Bình Phú
73	UBND xã Tân Hộ Cơ
74	UBND xã An Phước
75	UBND xã Tân Thành B
	- Huyện Tam Nông	huyện Tam Nông
76	UBND huyện Tam Nông
77	UBND thị trấn Tràm Chim
78	UBND xã Phú Cường
79	UBND xã An Hòa
80	UBND xã Hoà Bình
81	UBND xã Phú Thọ
82	UBND xã Phú Đức
83	UBND xã An Long
84	UBND xã Phú Ninh
	- Huyện Thanh Bình	huyện Thanh Bình
85	UBND huyện Thanh Bình
86	UBND thị trấn Thanh Bình
87	UBND xã Tân Bình
88	UBND xã Bình Thành
89	UBND xã Bình Tấn
90	UBND xã Tân Mỹ
91	UBND xã Tân Phú
92	UBND xã Tân Thạnh
93	UBND xã Tân Long
94	UBND xã Tân Huề
	- Huyện Cao Lãnh	huyện Cao Lãnh
95	UBND huyện Cao Lãnh
96	UBND thị trấn Mỹ Thọ
97	UBND xã Bình Thạnh
98	UBND xã Mỹ Thọ
99	UBND xã Gáo Giồng
100	UBND xã Tân Nghĩa
101	UBND xã An Bình
102	UBND xã Mỹ Xương
103	UBND xã Mỹ Hội
104	UBND xã Phong Mỹ
105	UBND xã Tân Hội Trung
106	UBND xã Bình Hàng Trung
107	UBND xã Bình Hàng Tây
108	UBND xã Mỹ Long
	- Huyện Lấp Vò	huyện Lấp Vò
109	UBND huyện Lấp Vò
110	UBND thị trấn Lấp Vò
111	UBND xã Định Yên
112	UBND xã Bình Thành
113	UBND xã Vĩnh Thạnh
114	UBND xã Long Hưng B
115	UBND xã Tân Mỹ
116	UBND xã Hội An Đông
117	UBND xã Bình Thạnh Trung
118	UBND xã Tân Khánh Trung
	- Huyện Lai Vung	huyện Lai Vung
119	UBND huyện Lai Vung
120	UBND thị trấn Lai Vung
121	UBND xã Long Thắng
122	UBND xã Tân Thành
123	UBND xã Hòa Long
124	UBND xã Vĩnh Thới
125	UBND xã Tân Dương
126	UBND xã Hòa Thành
127	UBND xã Tân Phước
128	UBND xã Long Hậu
	- Huyện Châu Thành	huyện Châu Thành
129	UBND huyện Châu Thành
130	UBND thị trấn Cái Tàu Hạ
131	UBND xã An Phú Thuận
132	UBND xã Tân Nhuận Đông
133	UBND xã An Khánh
134	UBND xã An Hiệp
135	UBND xã Tân Bình
136	UBND xã Phú Long
137	UBND xã Tân Phú
138	UBND xã An Nhơn
139	UBND xã Tân Phú Trung
	- Huyện Tháp Mười	huyện Tháp Mười
140	UBND huyện Tháp Mười
141	UBND thị trấn Mỹ An
142	UBND xã Thanh Mỹ
143	UBND xã Mỹ Đông
144	UBND xã Đốc Binh Kiều
145	UBND xã Trường Xuân
146	UBND xã Mỹ Quý
147	UBND xã Mỹ An
148	UBND xã Phú Điền
149	UBND xã Mỹ Hoà
150	UBND xã Tân Kiều"""


def _agency(stt, name, area, group, district=None, parent=None):
    return {"stt": stt, "name": name, "area": area, "group": group,
            "district": district, "parent": parent,
            "key": (area or "?") + "|" + name}


def load():
    """Return (agencies in seed order, departments, chi cục, districts)."""
    agencies = []
    depts = []
    for line in SECTION_I.splitlines():
        stt, name = line.split("\t")
        a = _agency(int(stt), name, PROVINCE, G_SO)
        depts.append(a)
        agencies.append(a)
    chicuc = []
    for line in SECTION_II.splitlines():
        stt, name, parent = line.split("\t")
        a = _agency(int(stt), name, PROVINCE, G_CM, parent=parent)
        chicuc.append(a)
        agencies.append(a)
    districts = []
    cur = None
    for line in SECTION_III.splitlines():
        parts = line.split("\t")
        if parts[0] == "":
            cur = {"seed_label": parts[1], "area": parts[2], "members": []}
            kind, place = parts[2].split(" ", 1) if parts[2].startswith("huyện") else ("thành phố", parts[2][len("thành phố "):])
            cur["kind"] = kind
            cur["place"] = place
            districts.append(cur)
            continue
        stt, name = int(parts[0]), parts[1]
        group = G_HUYEN if not cur["members"] else G_XA
        a = _agency(stt, name, cur["area"], group, district=cur["area"])
        cur["members"].append(a)
        agencies.append(a)
    for d in districts:
        d["ubnd"] = d["members"][0]
        d["communes"] = d["members"][1:]
    assert [a["stt"] for a in agencies] == list(range(1, 151))
    return agencies, depts, chicuc, districts


def check_against_seed():
    """Compare with the seed text if it is reachable; return a message."""
    for p in SEED_PATH_CANDIDATES:
        if os.path.exists(p):
            text = open(p, encoding="utf-8").read()
            break
    else:
        return "seed 001 not found; embedded list used unchecked"
    pl1 = text.split("Phụ lục 1", 1)[1].split("Phụ lục 2", 1)[0]
    rows = re.findall(r"^(\d{2,3})\t([^\t\n]+)\t?$", pl1, flags=re.M)
    subgroups = re.findall(r"^\t(- [^\t\n]+)\t?$", pl1, flags=re.M)
    agencies, _, _, districts = load()
    got = [(int(s), n) for s, n in rows]
    want = [(a["stt"], a["name"]) for a in agencies]
    if got != want:
        diff = [(g, w) for g, w in zip(got, want) if g != w][:5]
        raise SystemExit("embedded seed list differs from seed 001: %r (len %d vs %d)" % (diff, len(got), len(want)))
    if subgroups != [d["seed_label"] for d in districts]:
        raise SystemExit("sub-group rows differ from seed 001: %r" % subgroups)
    return "embedded list matches seed 001 (150 agencies, 12 sub-groups)"
