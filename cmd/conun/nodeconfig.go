package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// configName is the config file `conun node` reads from its data folder
// when no --config is given, and the one `conun node init` writes there.
const configName = "node.yaml"

// notInConfig are the node flags about the command itself, not the node:
// they have no key in a config file.
var notInConfig = map[string]bool{
	"config": true, "print-config": true,
	// conun node init and install-service
	"yes": true, "force": true, "user": true, "system": true, "unit-dir": true, "run-as": true,
}

// listFlag is a repeatable string flag (--renderer-cmd A --renderer-cmd B);
// in a config file it is a YAML sequence.
type listFlag []string

func (l *listFlag) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(*l, " ")
}

func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// parseNodeFlags parses the node's command line, then fills every flag
// the command line left unset from the config file: --config, or
// DATA/node.yaml when it exists. Flags given on the command line win.
func parseNodeFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	path, explicit := configPath(fs)
	if path == "" {
		return pos, nil
	}
	if err := loadConfig(fs, path); err != nil {
		if !explicit && errors.Is(err, os.ErrNotExist) {
			return pos, nil
		}
		return nil, err
	}
	return pos, nil
}

// configPath is --config, or the data folder's node.yaml; explicit says
// whether the file was named (and so must exist).
func configPath(fs *flag.FlagSet) (path string, explicit bool) {
	if f := fs.Lookup("config"); f != nil && f.Value.String() != "" {
		return f.Value.String(), true
	}
	if f := fs.Lookup("data"); f != nil && f.Value.String() != "" {
		return filepath.Join(f.Value.String(), configName), false
	}
	return "", false
}

// loadConfig sets, from the YAML config file at path, every flag of fs
// that the command line did not set. Each mistake is an error naming the
// file, the line and the key, and wraps errUsage.
func loadConfig(fs *flag.FlagSet, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%w: --config %s: %w", errUsage, path, err)
		}
		return err
	}
	onCmdline := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { onCmdline[f.Name] = true })
	settings, err := decodeConfig(fs, path, b)
	if err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	for _, s := range settings {
		if onCmdline[s.key] {
			continue
		}
		for _, v := range s.values {
			if err := fs.Set(s.key, v); err != nil {
				return fmt.Errorf("%w: %s:%d: %s: %q: %w", errUsage, path, s.line, s.key, v, err)
			}
		}
	}
	return nil
}

// setting is one key of a config file, its line and its values as a flag
// would take them on the command line (several for a repeatable flag).
type setting struct {
	key    string
	line   int
	values []string
}

// decodeConfig reads a config file's settings, checking every key against
// fs and every value's YAML type against its flag's kind. Values are not
// parsed here: the flags themselves do that in loadConfig, so a file and
// a command line accept exactly the same spellings.
func decodeConfig(fs *flag.FlagSet, path string, b []byte) ([]setting, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil // an empty file (or only comments) sets nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: want key: value lines, found a %s", path, root.Line, kindName(root))
	}
	seen := map[string]int{}
	var out []setting
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s:%d: a key must be a name, found a %s", path, k.Line, kindName(k))
		}
		f := fs.Lookup(k.Value)
		if f == nil || notInConfig[k.Value] {
			return nil, fmt.Errorf("%s:%d: unknown key %q%s (the keys are conun node's flags: conun node -h)", path, k.Line, k.Value, didYouMean(fs, k.Value))
		}
		if first, dup := seen[k.Value]; dup {
			return nil, fmt.Errorf("%s:%d: duplicate key %q (first set at line %d)", path, k.Line, k.Value, first)
		}
		seen[k.Value] = k.Line
		vals, err := configValues(f, v)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %w", path, v.Line, k.Value, err)
		}
		out = append(out, setting{key: k.Value, line: v.Line, values: vals})
	}
	return out, nil
}

// configValues turns a key's YAML value into flag values, refusing a
// value of the wrong shape: a list for a single-valued flag, a non-bool
// for a switch, an empty value.
func configValues(f *flag.Flag, v *yaml.Node) ([]string, error) {
	if _, ok := f.Value.(*listFlag); ok {
		if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
			return []string{v.Value}, nil
		}
		if v.Kind != yaml.SequenceNode {
			return nil, fmt.Errorf("want a list of values, found a %s", kindName(v))
		}
		var vals []string
		for _, e := range v.Content {
			if e.Kind != yaml.ScalarNode || e.Tag == "!!null" {
				return nil, fmt.Errorf("line %d: want a value in the list, found a %s", e.Line, kindName(e))
			}
			vals = append(vals, e.Value)
		}
		return vals, nil
	}
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return nil, fmt.Errorf("want a single value, found a %s", kindName(v))
	}
	if isBoolFlag(f) && v.Tag != "!!bool" {
		return nil, fmt.Errorf("want true or false, found %q", v.Value)
	}
	return []string{v.Value}, nil
}

// kindName names a YAML node's shape for an error message.
func kindName(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "map of keys"
	case n.Kind == yaml.SequenceNode:
		return "list"
	case n.Kind == yaml.AliasNode:
		return "alias"
	case n.Tag == "!!null":
		return "missing value"
	}
	return "value " + n.Value
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// writeConfig writes fs's settings as a commented config file: every key
// with its flag's help above it, set where the command line or a config
// file set it, commented out (showing its default) where not, so reading
// the file back sets exactly the same flags. It is made from the flag set
// itself, so the file and the flags cannot drift apart. With reveal
// false (--print-config, whose output is pasted into bug reports) a secret
// that is set shows as a comment saying so, not its value.
func writeConfig(w io.Writer, fs *flag.FlagSet, reveal bool) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var b bytes.Buffer
	b.WriteString("# conun node configuration: `conun node --config FILE` reads it; a flag\n")
	b.WriteString("# given on the command line overrides its key here. Each key is the flag\n")
	b.WriteString("# of the same name (conun node -h); a commented-out key shows its default.\n")
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if notInConfig[f.Name] || err != nil {
			return
		}
		b.WriteString("\n")
		for _, l := range wrap(f.Usage, 76) {
			b.WriteString("# " + l + "\n")
		}
		if _, secret := f.Value.(*envString); secret && !reveal && set[f.Name] {
			b.WriteString("# " + f.Name + ": (set; not printed)\n")
			return
		}
		var val string
		if val, err = configValue(f); err != nil {
			return
		}
		if !set[f.Name] {
			b.WriteString("# ")
		}
		b.WriteString(f.Name + ":" + val + "\n")
	})
	if err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// configValue is a flag's value as YAML after "key:": a switch or a
// number bare, text quoted where YAML would read it otherwise, a
// repeatable flag as a list.
func configValue(f *flag.Flag) (string, error) {
	if l, ok := f.Value.(*listFlag); ok {
		if len(*l) == 0 {
			return " []", nil
		}
		var b strings.Builder
		for _, v := range *l {
			s, err := yamlScalar(v)
			if err != nil {
				return "", err
			}
			b.WriteString("\n  - " + s)
		}
		return b.String(), nil
	}
	if g, ok := f.Value.(flag.Getter); ok {
		switch g.Get().(type) {
		case bool, int, int64, uint, uint64, float64:
			return " " + f.Value.String(), nil
		}
	}
	s, err := yamlScalar(f.Value.String())
	return " " + s, err
}

// yamlScalar is s as one YAML scalar that reads back as the string s.
func yamlScalar(s string) (string, error) {
	b, err := yaml.Marshal(s)
	if err != nil {
		return "", err
	}
	out := strings.TrimSuffix(string(b), "\n")
	if strings.Contains(out, "\n") {
		return "", fmt.Errorf("value %q spans lines", s)
	}
	return out, nil
}

// wrap breaks text into lines of at most width characters at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// writeConfigFile writes fs's settings to path, refusing to replace a file
// unless force; the file may hold a gossip key, so only its owner reads it.
func writeConfigFile(fs *flag.FlagSet, path string, force bool) error {
	var b bytes.Buffer
	if err := writeConfig(&b, fs, true); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	mode := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		mode = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, mode, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%w: %s exists: pass --force to replace it", errUsage, path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// didYouMean names the config key closest to a misspelt one, when one is
// within two edits of it.
func didYouMean(fs *flag.FlagSet, key string) string {
	best, bestDist := "", 3
	fs.VisitAll(func(f *flag.Flag) {
		if d := editDistance(key, f.Name); d < bestDist && !notInConfig[f.Name] {
			best, bestDist = f.Name, d
		}
	})
	if best == "" {
		return ""
	}
	return fmt.Sprintf(": did you mean %q?", best)
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
