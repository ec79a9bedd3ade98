package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// initQuestions are what `conun node init` asks, in order: the settings a
// GPU owner decides on day one. Every other key is in the file too,
// commented out with its default.
var initQuestions = []struct{ flag, question string }{
	{"data", "Data folder (keys, blob cache, job outputs)"},
	{"gossip", "Gossip address HOST:PORT (0.0.0.0:7946 to reach other machines)"},
	{"join", "Members to join, comma-separated (empty: start a new cluster)"},
	{"network", "Network: lan or wan"},
	{"slots", "Tasks rendered at once"},
	{"threads", "Threads per render (0: every core)"},
	{"memory-max", "Memory per render, in the sandbox (e.g. 8GiB)"},
	{"cache-max", "Disk for the cache of other members' scenes (e.g. 20GB; 0: no cap)"},
	{"upload-limit", "Upload bandwidth for blobs (e.g. 10MB/s; 0: no limit)"},
	{"download-limit", "Download bandwidth for blobs (e.g. 10MB/s; 0: no limit)"},
	{"renderers", "Renderers: pathtracer, blender, gl (the GPU, when its OpenGL comes up)"},
	{"sandbox", "Sandbox: auto, docker or none"},
	{"price", "Tokens asked per task"},
	{"chain", "Ethereum JSON-RPC URL to be paid on (empty: no payments)"},
	{"stake", "Tokens to keep bonded (with a chain)"},
}

// nodeInit is `conun node init`: it asks initQuestions (or, with --yes,
// takes the flags as given) and writes the config file, --config or
// DATA/node.yaml. fs is conun node's own flag set, so the file has a key
// for every flag.
func nodeInit(fs *flag.FlagSet, args []string, stdin io.Reader, stdout io.Writer) error {
	yes := fs.Bool("yes", false, "ask nothing: write the flags given (and defaults)")
	force := fs.Bool("force", false, "replace an existing config file")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if !given["data"] {
		// The data folder is always written, so the file stands alone.
		if err := fs.Set("data", defaultDataDir()); err != nil {
			return err
		}
	}
	if !*yes {
		in := bufio.NewReader(stdin)
		for _, q := range initQuestions {
			if given[q.flag] {
				continue
			}
			if err := ask(fs, in, stdout, q.flag, q.question); err != nil {
				return err
			}
		}
	}
	path, _ := configPath(fs)
	if err := writeConfigFile(fs, path, *force); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\nstart the node: conun node --config %s\nor as a service: conun node install-service --config %s\n", path, path, path)
	return nil
}

// ask asks one question until the answer is one its flag takes; an empty
// answer keeps the value shown.
func ask(fs *flag.FlagSet, in *bufio.Reader, out io.Writer, name, question string) error {
	f := fs.Lookup(name)
	for {
		fmt.Fprintf(out, "%s [%s]: ", question, f.Value.String())
		line, err := in.ReadString('\n')
		if err != nil && (err != io.EOF || line == "") {
			return fmt.Errorf("%w: no answer to %q (pass --yes to take flags and defaults)", errUsage, question)
		}
		answer := strings.TrimSpace(line)
		if answer == "" {
			// Keeping the shown value still writes it: the owner chose it.
			answer = f.Value.String()
		}
		shown := f.Value.String()
		if err := fs.Set(name, answer); err != nil {
			// A flag's Set may store a zero before it fails: ask again
			// showing the value it had.
			fs.Set(name, shown)
			fmt.Fprintf(out, "  --%s %q: %v\n", name, answer, err)
			continue
		}
		return nil
	}
}

// defaultDataDir is where a node keeps its data when the owner names no
// folder: the system's place for a service's state when run as root, the
// user's data folder otherwise.
func defaultDataDir() string {
	if os.Geteuid() == 0 {
		return "/var/lib/conun"
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "conun")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "conun-data"
	}
	return filepath.Join(home, ".local", "share", "conun")
}
