"""Hand-edited XML- and ZIP-level variants of the LibreOffice fixture.

usage: variants.py OUTDIR      (reads OUTDIR/lo-basic.xlsx, writes OUTDIR/var-*.x*, OUTDIR/bad-*.xlsx)

Each variant is lo-basic.xlsx unzipped with zipfile, one kind of edit made to the XML
text (or to the ZIP structure), and re-zipped. The list of variants, with what each must
read as, is VARIANTS / BAD below; expected.py derives the expected answers from the same
names (see EXPECT_DIFFERENT in expected.py for the two whose content differs on purpose).

All the ZIPs written here use a fixed timestamp, so a variant is byte-identical from
run to run as long as its base part texts are.
"""
import io
import re
import sys
import zipfile
import zlib
import xml.etree.ElementTree as ET

FIXED_TIME = (2022, 3, 20, 8, 30, 0)
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

SHEET_INFO = "xl/worksheets/sheet1.xml"   # "Thông tin"
SHEET_PL1 = "xl/worksheets/sheet2.xml"    # "PL1 Danh sách cơ quan"
SST = "xl/sharedStrings.xml"
WORKBOOK = "xl/workbook.xml"


# ---------------------------------------------------------------- ZIP helpers

def read_parts(path):
    """[(name, bytes)] in archive order. The base's docProps/core.xml modification time
    (the time LibreOffice ran) is set to a fixed one, so variants do not change from
    run to run."""
    with zipfile.ZipFile(path) as zf:
        parts = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    return [(n, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2022-03-20T08:30:00Z", d) if n == "docProps/core.xml" else d)
            for n, d in parts]


def is_xml(name):
    return name.endswith(".xml") or name.endswith(".rels")


def zinfo(name, compress=zipfile.ZIP_DEFLATED):
    zi = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    zi.compress_type = compress
    zi.create_system = 0
    zi.external_attr = 0
    return zi


def zip_bytes(parts, compress=zipfile.ZIP_DEFLATED, force_zip64=False):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts:
            if force_zip64:
                with zf.open(zinfo(name, compress), "w", force_zip64=True) as f:
                    f.write(data)
            else:
                zf.writestr(zinfo(name, compress), data)
    return buf.getvalue()


class NonSeekable(io.RawIOBase):
    """A write-only stream that cannot seek, so zipfile writes data descriptors
    (general-purpose flag bit 3; zero CRC/sizes in the local headers)."""

    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def seekable(self):
        return False

    def write(self, b):
        self.buf += b
        return len(b)


def zip_bytes_streamed(parts):
    out = NonSeekable()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts:
            with zf.open(zinfo(name), "w") as f:
                f.write(data)
    return bytes(out.buf)


def zip_bytes_zip64_full(parts):
    """A ZIP that uses ZIP64 everywhere it can, as some streaming writers do: every local
    and central header has 0xFFFFFFFF sizes (and the central one a 0xFFFFFFFF offset) with
    the real values in the ZIP64 extra field, followed by a ZIP64 end-of-central-directory
    record and locator, and an end record whose counts/size/offset are all 0xFF…"""
    import struct
    y, mo, d, h, mi, sec = FIXED_TIME
    dos_time, dos_date = (h << 11) | (mi << 5) | (sec // 2), ((y - 1980) << 9) | (mo << 5) | d
    out, central = bytearray(), bytearray()
    for name, data in parts:
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        comp = c.compress(data) + c.flush()
        crc = zlib.crc32(data)
        enc = name.encode()
        offset = len(out)
        extra = struct.pack("<HHQQ", 1, 16, len(data), len(comp))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, dos_time, dos_date, crc,
                           0xFFFFFFFF, 0xFFFFFFFF, len(enc), len(extra)) + enc + extra + comp
        cextra = struct.pack("<HHQQQ", 1, 24, len(data), len(comp), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, dos_time, dos_date, crc,
                               0xFFFFFFFF, 0xFFFFFFFF, len(enc), len(cextra), 0, 0, 0, 0, 0xFFFFFFFF) + enc + cextra
    cd_offset, n = len(out), len(parts)
    out += central
    eocd64 = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, n, n, len(central), cd_offset)
    out += struct.pack("<IIQI", 0x07064B50, 0, eocd64, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return bytes(out)


def map_xml(parts, fn, only=None):
    """Apply fn(text, name) -> text to the XML parts (all, or the names in `only`)."""
    res = []
    for name, data in parts:
        if is_xml(name) and (only is None or name in only):
            data = fn(data.decode("utf-8"), name).encode("utf-8")
        res.append((name, data))
    return res


def edit(parts, name, fn):
    return map_xml(parts, lambda t, n: fn(t), only={name})


def replace_once(text, old, new):
    assert text.count(old) == 1, (old, text.count(old))
    return text.replace(old, new)


# ---------------------------------------------------------------- XML token helpers

TOKEN = re.compile(
    r"<\?.*?\?>|<!--.*?-->|<!\[CDATA\[.*?\]\]>|<!DOCTYPE[^>]*>"
    r"|</?[A-Za-z_][^\s/>]*(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>"
    r"|[^<]+",
    re.S,
)
ATTR = re.compile(r"(\s+)([^\s=/>]+)(\s*=\s*)(\"([^\"]*)\"|'([^']*)')")
NAME = re.compile(r"</?([^\s/>]+)")


def tokens(text):
    pos = 0
    for m in TOKEN.finditer(text):
        assert m.start() == pos, ("untokenisable XML near", text[pos:pos + 80])
        pos = m.end()
        yield m.group(0)
    assert pos == len(text)


def is_tag(tok):
    return tok.startswith("<") and not tok.startswith(("<?", "<!"))


def unescape(s):
    """XML text/attribute value -> characters (only what XML defines)."""
    def ref(m):
        e = m.group(1)
        if e.startswith("#x"):
            return chr(int(e[2:], 16))
        if e.startswith("#"):
            return chr(int(e[1:]))
        return {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}[e]
    return re.sub(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);", ref, s)


# ---------------------------------------------------------------- XML-level edits

def single_quotes(text, name):
    """Every attribute (and the XML declaration's pseudo-attributes) in single quotes."""
    def fix_tag(tok):
        def q(m):
            ws, nm, eq, _, dq, sq = m.groups()
            val = dq if dq is not None else sq
            val = val.replace("'", "&apos;")
            return f"{ws}{nm}{eq}'{val}'"
        return ATTR.sub(q, tok)
    out = []
    for tok in tokens(text):
        out.append(fix_tag(tok) if is_tag(tok) or tok.startswith("<?xml") else tok)
    return "".join(out)


def comments_and_pis(text, name):
    """A comment and a processing instruction inside every <row>, <c> and <si>, and a
    comment before the root element."""
    out = []
    first_tag = True
    for tok in tokens(text):
        if is_tag(tok) and first_tag:
            out.append("<!-- chú thích trước phần tử gốc -->\n")
            first_tag = False
        out.append(tok)
        if is_tag(tok) and not tok.startswith("</") and not tok.endswith("/>"):
            nm = NAME.match(tok).group(1)
            if nm in ("row", "c", "si"):
                out.append(f"<!-- {nm}: chú thích, <v>8</v> không phải dữ liệu --><?kehoach bỏ qua <v>9</v>?>")
    return "".join(out)


def cdata(text, name):
    """Text of every <t> and <v> as a CDATA section."""
    out = []
    stack = []
    for tok in tokens(text):
        if is_tag(tok):
            nm = NAME.match(tok).group(1)
            if tok.startswith("</"):
                stack.pop()
            elif not tok.endswith("/>"):
                stack.append(nm)
            out.append(tok)
        elif not tok.startswith("<") and stack and stack[-1] in ("t", "v"):
            raw = unescape(tok).replace("]]>", "]]]]><![CDATA[>")
            out.append(f"<![CDATA[{raw}]]>")
        else:
            out.append(tok)
    return "".join(out)


def char_refs(text, name):
    """Every non-ASCII character in text and attribute values as a numeric character
    reference (alternately decimal and hexadecimal; characters outside the BMP as ONE
    reference, e.g. &#x1D538;), and ' " > in text as &apos; &quot; &gt;."""
    counter = [0]

    def enc(s, in_text):
        res = []
        for ch in unescape(s):
            o = ord(ch)
            if o > 127:
                counter[0] += 1
                res.append(f"&#{o};" if counter[0] % 2 else f"&#x{o:X};")
            elif ch in "<&" or (in_text and ch in "'\">") or (not in_text and ch == '"'):
                res.append({"<": "&lt;", "&": "&amp;", "'": "&apos;", '"': "&quot;", ">": "&gt;"}[ch])
            elif ch in "\n\t" and not in_text:
                res.append(f"&#{o};")
            else:
                res.append(ch)
        return "".join(res)

    out = []
    for tok in tokens(text):
        if is_tag(tok):
            out.append(ATTR.sub(lambda m: f'{m.group(1)}{m.group(2)}{m.group(3)}"{enc(m.group(5) if m.group(5) is not None else m.group(6), False)}"', tok))
        elif tok.startswith("<"):
            out.append(tok)
        else:
            out.append(enc(tok, True))
    return "".join(out)


def ns_prefix(text, name):
    """Every element of a default namespace gets an explicit prefix instead:
    <worksheet xmlns="…main"> becomes <x:worksheet xmlns:x="…main">."""
    preferred = {
        MAIN_NS: "x",
        "http://schemas.openxmlformats.org/package/2006/relationships": "pr",
        "http://schemas.openxmlformats.org/package/2006/content-types": "ct",
    }
    used = set(re.findall(r"xmlns:([A-Za-z_][\w.-]*)=", text))
    scope = [None]  # prefix standing for the default namespace, innermost last
    out = []
    n = 0
    for tok in tokens(text):
        if not is_tag(tok):
            out.append(tok)
            continue
        if tok.startswith("</"):
            nm = NAME.match(tok).group(1)
            pfx = scope.pop()
            out.append(f"</{pfx}:{nm}>" if ":" not in nm and pfx else tok)
            continue
        m = re.search(r"\sxmlns\s*=\s*([\"'])(.*?)\1", tok)
        pfx = scope[-1]
        if m:
            uri = m.group(2)
            pfx = preferred.get(uri)
            if pfx is None or pfx in used:
                n += 1
                pfx = f"d{n}"
            used.add(pfx)
            tok = tok[:m.start()] + f' xmlns:{pfx}="{uri}"' + tok[m.end():]
        nm = NAME.match(tok).group(1)
        if ":" not in nm and pfx:
            tok = f"<{pfx}:{nm}" + tok[1 + len(nm):]
        if not tok.endswith("/>"):
            scope.append(pfx)
        out.append(tok)
    return "".join(out)


def to_utf16(parts):
    res = []
    for name, data in parts:
        if is_xml(name):
            t = data.decode("utf-8")
            if t.startswith("<?xml"):
                t = re.sub(r"encoding=([\"'])UTF-8\1", 'encoding="UTF-16"', t, count=1, flags=re.I)
                assert 'encoding="UTF-16"' in t[:100], name
            else:
                t = '<?xml version="1.0" encoding="UTF-16"?>\n' + t
            data = b"\xff\xfe" + t.encode("utf-16-le")
        res.append((name, data))
    return res


def with_bom(parts):
    return [(n, b"\xef\xbb\xbf" + d if is_xml(n) else d) for n, d in parts]


def cell_re(addr):
    """The whole <c r="ADDR" ...>...</c> or <c r="ADDR" .../> element."""
    return re.compile(r'<c r="%s"(?:\s[^>]*?)?(?:/>|>.*?</c>)' % addr, re.S)


def sst_index(parts, text):
    sst = dict(parts)[SST].decode("utf-8")
    items = re.findall(r"<si>(.*?)</si>", sst, re.S)
    for i, it in enumerate(items):
        if unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", it, re.S))) == text:
            return i
    raise KeyError(text)


def insert_row5(parts, cell_xml):
    """Insert a row 5 (empty in the spec) holding cell_xml into "Thông tin"."""
    def fn(t):
        assert '<row r="5"' not in t
        m = re.search(r'<row r="6"', t)
        return t[:m.start()] + f'<row r="5">{cell_xml}</row>' + t[m.start():]
    return edit(parts, SHEET_INFO, fn)


def rich_inline(parts):
    """"Thông tin"!B10 ("UBND xã", a shared string) as an inline string with two runs."""
    def fn(t):
        m = cell_re("B10").search(t)
        s = re.search(r'\ss="\d+"', m.group(0))
        new = f'<c r="B10"{s.group(0) if s else ""} t="inlineStr"><is><r><t>UBND </t></r><r><t>xã</t></r></is></c>'
        return t[:m.start()] + new + t[m.end():]
    return edit(parts, SHEET_INFO, fn)


def phonetic(parts):
    """Two shared strings with <rPh> phonetic runs (which are not part of the text):
    "Tên cơ quan" as rich runs + rPh, "Địa bàn" as plain <t> + rPh."""
    def fn(t):
        t = replace_once(t, '<si><t xml:space="preserve">Tên cơ quan</t></si>',
                         '<si><r><t xml:space="preserve">Tên </t></r><r><rPr><b val="true"/></rPr><t>cơ quan</t></r>'
                         '<rPh sb="0" eb="1"><t>テン</t></rPh><rPh sb="1" eb="2"><t>コ クアン</t></rPh>'
                         '<phoneticPr fontId="0" type="noConversion"/></si>')
        t = replace_once(t, '<si><t xml:space="preserve">Địa bàn</t></si>',
                         '<si><t>Địa bàn</t><rPh sb="0" eb="7"><t>ディア バン</t></rPh><phoneticPr fontId="0"/></si>')
        return t
    return edit(parts, SST, fn)


def xstring_escapes(parts):
    """ST_Xstring escapes in one shared string ("Thông tin"!B15): _x000D_ is a carriage
    return, _x000A_ a line feed, _x0009_ a tab, _x005F_ a literal '_' (so
    _x005F_x000D_ is the literal text "_x000D_")."""
    def fn(t):
        return replace_once(t, "Dòng một: Quyết định&#10;Dòng hai: Kế hoạch",
                            "Dòng một: Quyết định_x000D__x000A_Dòng hai: Kế hoạch_x0009_(mã _x005F_x000D_)")
    return edit(parts, SST, fn)


XSTRING_VALUE = "Dòng một: Quyết định\r\nDòng hai: Kế hoạch\t(mã _x000D_)"


def values_under_merge(parts):
    """Values left in cells covered by merged ranges (LibreOffice keeps such values when
    cells are merged without emptying them): they must read as EMPTY."""
    idx = sst_index(parts, "Ghi chú")

    def fn(t):
        for addr, xml in (("B1", f'<c r="B1" s="4" t="s"><v>{idx}</v></c>'),
                          ("E1", '<c r="E1" s="4" t="inlineStr"><is><t>giá trị bị che</t></is></c>'),
                          ("C10", '<c r="C10" s="5" t="n"><v>99</v></c>')):
            m = cell_re(addr).search(t)
            assert m and m.group(0).endswith("/>"), addr
            t = t[:m.start()] + xml + t[m.end():]
        return t
    return edit(parts, SHEET_PL1, fn)


def very_hidden(parts):
    return edit(parts, WORKBOOK, lambda t: replace_once(t, 'state="hidden"', 'state="veryHidden"'))


def macro_content_type(parts):
    return edit(parts, "[Content_Types].xml", lambda t: replace_once(
        t, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml"))


# ---------------------------------------------------------------- broken files

def flip_one_byte(zbytes, name):
    """Flip one byte inside the deflated data of `name` such that the data still
    inflates, to the same length, as well-formed XML — only the CRC-32 tells."""
    zf = zipfile.ZipFile(io.BytesIO(zbytes))
    info = zf.getinfo(name)
    original = zf.read(name)
    off = info.header_offset
    n, m = int.from_bytes(zbytes[off + 26:off + 28], "little"), int.from_bytes(zbytes[off + 28:off + 30], "little")
    start = off + 30 + n + m
    size = info.compress_size
    for pos in range(start + size // 2, start + size - 8):
        for mask in (0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80):
            comp = bytearray(zbytes[start:start + size])
            comp[pos - start] ^= mask
            try:
                d = zlib.decompressobj(-15)
                out = d.decompress(bytes(comp)) + d.flush()
                if not d.eof or len(out) != len(original) or out == original:
                    continue
                out.decode("utf-8")
                ET.fromstring(out)
            except Exception:
                continue
            b = bytearray(zbytes)
            b[pos] ^= mask
            return bytes(b)
    raise RuntimeError("no suitable byte to flip")


def wrong_central_crc(zbytes, name):
    """Change the CRC-32 recorded for `name` in the CENTRAL DIRECTORY only (the local
    header keeps the right one, and the data is intact)."""
    b = bytearray(zbytes)
    enc = name.encode()
    pos = b.find(b"PK\x01\x02")
    while pos >= 0:
        n = int.from_bytes(b[pos + 28:pos + 30], "little")
        if bytes(b[pos + 46:pos + 46 + n]) == enc:
            crc = int.from_bytes(b[pos + 16:pos + 20], "little")
            b[pos + 16:pos + 20] = (crc ^ 0x5A5A5A5A).to_bytes(4, "little")
            return bytes(b)
        pos = b.find(b"PK\x01\x02", pos + 4)
    raise KeyError(name)


# ---------------------------------------------------------------- the list

def variants(base):
    """name -> zip bytes; every one of these must read exactly like lo-basic.xlsx
    (except where expected.py says otherwise)."""
    return {
        "var-single-quotes.xlsx": zip_bytes(map_xml(base, single_quotes)),
        "var-comments-pi.xlsx": zip_bytes(map_xml(base, comments_and_pis, only={SST, SHEET_INFO, SHEET_PL1, "xl/worksheets/sheet3.xml", WORKBOOK})),
        "var-cdata.xlsx": zip_bytes(map_xml(base, cdata, only={SST, SHEET_INFO, SHEET_PL1, "xl/worksheets/sheet3.xml"})),
        "var-char-refs.xlsx": zip_bytes(map_xml(base, char_refs, only={SST, WORKBOOK, SHEET_INFO, SHEET_PL1, "xl/worksheets/sheet3.xml"})),
        "var-ns-prefix.xlsx": zip_bytes(map_xml(base, ns_prefix)),
        "var-utf8-bom.xlsx": zip_bytes(with_bom(base)),
        "var-utf16.xlsx": zip_bytes(to_utf16(base)),
        "var-sharedstrings-case.xlsx": zip_bytes([("xl/SharedStrings.xml" if n == SST else n, d) for n, d in base]),
        "var-zip64.xlsx": zip_bytes(base, force_zip64=True),
        "var-zip64-full.xlsx": zip_bytes_zip64_full(base),
        "var-data-descriptor.xlsx": zip_bytes_streamed(base),
        "var-stored.xlsx": zip_bytes(base, compress=zipfile.ZIP_STORED),
        "var-empty-v.xlsx": zip_bytes(insert_row5(base, '<c r="B5"><v></v></c>')),
        "var-formula-no-v.xlsx": zip_bytes(insert_row5(base, '<c r="C5"><f>1+1</f></c>')),
        "var-inline-rich.xlsx": zip_bytes(rich_inline(base)),
        "var-phonetic.xlsx": zip_bytes(phonetic(base)),
        "var-xstring-escapes.xlsx": zip_bytes(xstring_escapes(base)),
        "var-merged-values.xlsx": zip_bytes(values_under_merge(base)),
        "var-very-hidden.xlsx": zip_bytes(very_hidden(base)),
        "var-macro-content-type.xlsm": zip_bytes(macro_content_type(base)),
    }


# broken file -> the part a good error message names
BAD_PARTS = {
    "bad-sst-missing-si-end.xlsx": SST,
    "bad-truncated-sheet.xlsx": SHEET_PL1,
    "bad-doctype.xlsx": SHEET_INFO,
    "bad-crc-flipped-byte.xlsx": SHEET_PL1,
    "bad-central-crc.xlsx": SHEET_INFO,
}


def bad(base):
    """name -> zip bytes of a file a reader must refuse (naming BAD_PARTS[name])."""
    def drop_first_si_end(t):
        i = t.index("</si>")
        return t[:i] + t[i + len("</si>"):]

    def doctype(t):
        decl_end = t.index("?>") + 2
        return t[:decl_end] + '\n<!DOCTYPE worksheet [<!ENTITY ubnd "UBND">]>' + t[decl_end:]

    sheet2 = dict(base)[SHEET_PL1]
    cut = [(n, d[:len(d) // 2] if n == SHEET_PL1 else d) for n, d in base]
    assert len(sheet2) > 1000
    good = zip_bytes(base)
    return {
        "bad-sst-missing-si-end.xlsx": zip_bytes(edit(base, SST, drop_first_si_end)),
        "bad-truncated-sheet.xlsx": zip_bytes(cut),
        "bad-doctype.xlsx": zip_bytes(edit(base, SHEET_INFO, doctype)),
        "bad-crc-flipped-byte.xlsx": flip_one_byte(good, BAD_PARTS["bad-crc-flipped-byte.xlsx"]),
        "bad-central-crc.xlsx": wrong_central_crc(good, BAD_PARTS["bad-central-crc.xlsx"]),
    }


def main(outdir):
    base = read_parts(f"{outdir}/lo-basic.xlsx")
    for name, data in variants(base).items():
        with open(f"{outdir}/{name}", "wb") as f:
            f.write(data)
    made = bad(base)
    assert set(made) == set(BAD_PARTS)
    for name, data in made.items():
        with open(f"{outdir}/{name}", "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(sys.argv[1])
