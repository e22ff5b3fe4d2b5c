"""Java part of RULE.md up to each candidate's GitHub repository: java_walk.py BOM.pom OWNERS > java-walk.tsv (run in a scratch folder; POMs are cached in ./poms)."""
import re, sys, urllib.request, xml.etree.ElementTree as ET, os
NS = {'m': 'http://maven.apache.org/POM/4.0.0'}
CENTRAL = 'https://repo.maven.apache.org/maven2'
def pom(g, a, v):
    path = f'poms/{g}_{a}_{v}.pom'
    os.makedirs("poms", exist_ok=True)
    if not os.path.exists(path):
        url = f"{CENTRAL}/{g.replace('.', '/')}/{a}/{v}/{a}-{v}.pom"
        with urllib.request.urlopen(url, timeout=30) as r, open(path, 'wb') as f:
            f.write(r.read())
    return ET.parse(path).getroot()
def txt(e, p):
    x = e.find(p, NS)
    return x.text.strip() if x is not None and x.text else None
def scm(g, a, v, depth=0):
    root = pom(g, a, v)
    s = txt(root, 'm:scm/m:url') or txt(root, 'm:scm/m:connection')
    if s: return s
    p = root.find('m:parent', NS)
    if p is not None and depth < 6:
        return scm(txt(p, 'm:groupId'), txt(p, 'm:artifactId'), txt(p, 'm:version'), depth + 1) or s
    return s
bom = ET.parse(sys.argv[1]).getroot()
props = [(c.tag.split('}')[1], c.text) for c in bom.find('m:properties', NS)]
deps = bom.findall('m:dependencyManagement/m:dependencies/m:dependency', NS)
owners = set(); limit = int(sys.argv[2])
for name, val in props:
    if not name.endswith('.version'): continue
    d = next((d for d in deps if txt(d, 'm:version') == '${' + name + '}'), None)
    if d is None:
        print(f'{name}\t-\t-\tno managed dependency uses it'); continue
    g, a = txt(d, 'm:groupId'), txt(d, 'm:artifactId')
    try: s = scm(g, a, val)
    except Exception as e: s = f'error {e}'
    m = re.search(r'github\.com[:/]+([^/\s]+)/([^/\s#?]+?)(\.git)?(/|$|\s)', s or '')
    repo = f'{m.group(1)}/{m.group(2)}' if m else '-'
    print(f'{name}\t{g}:{a}:{val}\t{repo}\t{s}', flush=True)
    if m: owners.add(m.group(1).lower())
    if len(owners) >= limit: break
