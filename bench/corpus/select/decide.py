"""Applies the conditions of RULE.md to npm-repos2.tsv (name, downloads, `npm view` repository) and java-walk.tsv,
reading the snapshots fetched under /work/.mirror; writes candidates.tsv and corpus.tsv into the current folder."""
import subprocess, re, os, json
def gitdir(repo):
    d = f"/work/.mirror/{repo.replace('/', '+')}/repo"
    if os.path.isdir(d + '/.git'): d += '/.git'
    return d if os.path.isdir(d) else None
def git(d, *a):
    return subprocess.run(['git', '--git-dir', d, *a], capture_output=True, text=True).stdout
oversize = {'raphw/byte-buddy', 'hazelcast/hazelcast'}
rows = []  # language, candidate, repo, commit, verdict, why
kept_owners = set(); kept = {'node': 0, 'java': 0}
# Node
for line in open('npm-repos.tsv'):
    name, dl, url = line.rstrip('\n').split('\t')
    if kept['node'] >= 12: break
    m = re.search(r'(?:github\.com[/:]|^github:|^)([\w.-]+)/([\w.-]+?)(?:\.git)?$', url)
    if not m: rows.append(('node', name, '-', '-', 'skip', f'repository not on github.com: {url!r}')); continue
    repo = f'{m.group(1)}/{m.group(2)}'; owner = m.group(1).lower()
    if owner in kept_owners: rows.append(('node', name, repo, '-', 'skip', 'owner already kept')); continue
    d = gitdir(repo)
    if not d: rows.append(('node', name, repo, '-', 'skip', 'no snapshot')); continue
    c = git(d, 'rev-parse', 'HEAD').strip()
    try: pj = json.loads(git(d, 'show', 'HEAD:package.json'))
    except Exception: pj = None
    t = (pj or {}).get('scripts', {}).get('test')
    if not t or 'no test specified' in t:
        rows.append(('node', name, repo, c, 'skip', 'root package.json has no scripts.test')); continue
    kept_owners.add(owner); kept['node'] += 1
    rows.append(('node', name, repo, c, 'keep', f'{dl} downloads a month; scripts.test = {t}'))
kept_owners_j = set()
for line in open('java-walk.tsv'):
    prop, art, repo, scm = line.rstrip('\n').split('\t')
    if kept['java'] >= 10: break
    if art == '-': rows.append(('java', prop, '-', '-', 'skip', 'no managed <dependency> uses it')); continue
    if repo == '-': rows.append(('java', art, '-', '-', 'skip', ('POM not found on Maven Central at that version' if scm.startswith('error') else f'scm not on github.com: {scm}'))); continue
    owner = repo.split('/')[0].lower()
    if owner in kept_owners_j: rows.append(('java', art, repo, '-', 'skip', 'owner already kept')); continue
    if repo in oversize: rows.append(('java', art, repo, '-', 'skip', 'snapshot over 500 MiB')); continue
    d = gitdir(repo)
    if not d: rows.append(('java', art, repo, '-', 'skip', 'no snapshot')); continue
    c = git(d, 'rev-parse', 'HEAD').strip()
    files = git(d, 'ls-tree', '--name-only', 'HEAD').split()
    gradle = any(f.startswith(('build.gradle', 'settings.gradle')) for f in files)
    if 'pom.xml' not in files:
        rows.append(('java', art, repo, c, 'skip', 'Gradle build' if gradle else 'no root pom.xml (' + ('build.xml' if 'build.xml' in files else 'other layout') + ')')); continue
    pom = git(d, 'show', 'HEAD:pom.xml')
    n = len(re.findall(r'<module>', re.sub(r'<!--.*?-->', '', pom, flags=re.S).split('<modules>', 1)[1])) if '<modules>' in pom else 0
    if '<modules>' in pom: rows.append(('java', art, repo, c, 'skip', f'multi-module Maven build ({n} <module> entries)')); continue
    tests = [f for f in git(d, 'ls-tree', '-r', '--name-only', 'HEAD', '--', 'src/test/java').split('\n') if f]
    if not tests: rows.append(('java', art, repo, c, 'skip', 'no src/test/java')); continue
    own = re.sub(r'<parent>.*?</parent>', '', re.sub(r'<!--.*?-->', '', pom, flags=re.S), flags=re.S)
    aid = re.search(r'<artifactId>\s*(.*?)\s*</artifactId>', own).group(1)
    if aid != art.split(':')[1]: rows.append(('java', art, repo, c, 'skip', f'root pom.xml is artifact {aid}, not {art.split(":")[1]}')); continue
    kept_owners_j.add(owner); kept['java'] += 1
    rows.append(('java', art, repo, c, 'keep', f'managed by spring-boot-dependencies 4.1.2 ({prop}); single-module Maven, {len(tests)} files under src/test/java'))
with open('candidates.tsv', 'w') as f:
    f.write('language\tcandidate\trepo\tcommit\tverdict\twhy\n')
    for r in rows: f.write('\t'.join(r) + '\n')
with open('corpus.tsv', 'w') as f:
    f.write('repo\tlanguage\tcommit\twhy it qualified\n')
    for r in rows:
        if r[4] == 'keep': f.write(f'{r[2]}\t{r[0]}\t{r[3]}\t{r[1]}: {r[5]}\n')
print(kept)
