# Resolves git conflicts where both sides appended lines (index files): keeps both sides, ours first.
# Usage: python3 scripts/merge-union.py FILE...
import re, sys
for path in sys.argv[1:]:
    text = open(path).read()
    text = re.sub(r'<<<<<<< [^\n]*\n(.*?)=======\n(.*?)>>>>>>> [^\n]*\n', lambda m: m.group(1) + m.group(2), text, flags=re.S)
    open(path, 'w').write(text)
