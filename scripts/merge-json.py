# Resolves a git conflict in a flat JSON strings file by taking the union of "ours" and "theirs"
# (stage 2 and 3), ours first. Usage: python3 scripts/merge-json.py src/content/i18n/en.json
import json, subprocess, sys
path = sys.argv[1]
ours = json.loads(subprocess.check_output(['git', 'show', f':2:{path}']))
theirs = json.loads(subprocess.check_output(['git', 'show', f':3:{path}']))
merged = {**ours, **{k: v for k, v in theirs.items() if k not in ours}}
with open(path, 'w') as f:
    json.dump(merged, f, ensure_ascii=False, indent=2)
    f.write('\n')
