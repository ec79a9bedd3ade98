package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"time"
)

// serviceName is the systemd unit `conun node install-service` writes.
const serviceName = "conun-node.service"

// serviceStopTimeout is how long systemd waits after SIGTERM before it
// kills the node. A node hands its leases back on SIGTERM within about
// 2 s (leave the cluster: 1 s, answer the renders it cancels: 1 s), then
// waits for its goroutines and closes its store; the sandbox removes its
// warm containers. 30 s leaves room for a slow disk and a busy engine.
const serviceStopTimeout = 30 * time.Second

// unit is the systemd unit's text. KillMode=mixed sends SIGTERM to the node
// alone, which cancels its renders itself (handing their leases back), and
// SIGKILL to whatever is left of the group after TimeoutStopSec. Exit code
// 2 is a usage error (a bad config): restarting cannot fix it.
var unit = template.Must(template.New("unit").Parse(`# Written by conun node install-service: runs a conun render node with its
# config file. Edit the config, not this file; then systemctl{{if .User}} --user{{end}} restart conun-node
[Unit]
Description=conun render node ({{.Config}})
Wants=network-online.target
After=network-online.target{{if .Docker}} docker.service{{end}}

[Service]
Type=simple
ExecStart={{.Exec}} node --config {{.Config}}
Restart=on-failure
RestartSec=5s
RestartPreventExitStatus=2
KillMode=mixed
KillSignal=SIGTERM
TimeoutStopSec={{.StopSec}}
NoNewPrivileges=true
{{- if .RunAs}}
User={{.RunAs}}
{{- end}}
{{- if .Group}}
SupplementaryGroups={{.Group}}
{{- end}}

[Install]
WantedBy={{if .User}}default.target{{else}}multi-user.target{{end}}
`))

// unitParams fill the unit's template.
type unitParams struct {
	User         bool   // a user unit (systemctl --user) rather than a system one
	Exec, Config string // absolute paths
	StopSec      int
	RunAs, Group string // system units: the account and its extra group (docker)
	Docker       bool
}

// installService is `conun node install-service`: it checks the config
// file reads, then writes a systemd unit that runs the node with it.
func installService(flags *flag.FlagSet, args []string, stdout io.Writer) error {
	userUnit := flags.Bool("user", false, "write a user unit (~/.config/systemd/user; the default unless root)")
	systemUnit := flags.Bool("system", false, "write a system unit (/etc/systemd/system; needs root)")
	unitDir := flags.String("unit-dir", "", "write the unit into this folder instead of systemd's")
	runAs := flags.String("run-as", os.Getenv("SUDO_USER"), "system unit: the account the node runs as (default: the one sudo was run from)")
	if _, err := parseNodeFlags(flags, args); err != nil {
		return err
	}
	if *userUnit && *systemUnit {
		return fmt.Errorf("%w: --user and --system: pick one", errUsage)
	}
	path, _ := configPath(flags)
	if path == "" {
		return fmt.Errorf("%w: --config FILE (or --data DIR holding %s) is required: write one with conun node init", errUsage, configName)
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%w: config %s: %w (write one with conun node init)", errUsage, path, err)
	}
	p := unitParams{User: *userUnit || (!*systemUnit && os.Geteuid() != 0), StopSec: int(serviceStopTimeout / time.Second)}
	var err error
	if p.Config, err = filepath.Abs(path); err != nil {
		return err
	}
	if p.Exec, err = os.Executable(); err != nil {
		return fmt.Errorf("find this binary for ExecStart: %w", err)
	}
	if strings.ContainsAny(p.Exec+p.Config, " \t\n\"'\\%$") {
		// systemd would split or expand them: refuse rather than quote.
		return fmt.Errorf("%w: %q or %q holds a space, quote, %% or $: move it to a plain path", errUsage, p.Exec, p.Config)
	}
	if !p.User {
		if *runAs != "" && *runAs != "root" {
			if _, err := user.Lookup(*runAs); err != nil {
				return fmt.Errorf("%w: --run-as %s: %w", errUsage, *runAs, err)
			}
			p.RunAs = *runAs
		}
		if _, err := user.LookupGroup("docker"); err == nil && p.RunAs != "" {
			p.Group, p.Docker = "docker", true // the sandbox talks to dockerd's socket
		}
	}
	if p.RunAs != "" && os.Geteuid() == 0 {
		// init ran as root: the account the unit runs as must be able to
		// read its config and write its data folder.
		data := flags.Lookup("data").Value.String()
		if err := giveTo(p.RunAs, path, data); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "gave %s and %s to %s, the account the node runs as\n", path, data, p.RunAs)
	}
	dir := *unitDir
	if dir == "" {
		if dir, err = systemdUnitDir(p.User); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	out := filepath.Join(dir, serviceName)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := errors.Join(unit.Execute(f, p), f.Close()); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	ctl := "systemctl"
	if p.User {
		ctl += " --user"
	}
	fmt.Fprintf(stdout, "wrote %s\nstart it now and at boot: %s daemon-reload && %s enable --now conun-node\nits log: journalctl%s -u conun-node -f\n",
		out, ctl, ctl, map[bool]string{true: " --user", false: ""}[p.User])
	return nil
}

// systemdUnitDir is where systemd looks for an administrator's units.
func systemdUnitDir(userUnit bool) (string, error) {
	if !userUnit {
		return "/etc/systemd/system", nil
	}
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "systemd", "user"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the user's systemd folder: %w (pass --unit-dir)", err)
	}
	return filepath.Join(home, ".config", "systemd", "user"), nil
}

// giveTo makes the account name own the config file and everything in the
// data folder (created if absent).
func giveTo(name, config, data string) error {
	u, err := user.Lookup(name)
	if err != nil {
		return err
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("account %s: %w", name, err)
	}
	if err := os.Chown(config, uid, gid); err != nil {
		return err
	}
	if data == "" {
		return nil
	}
	if err := os.MkdirAll(data, 0o755); err != nil {
		return err
	}
	return filepath.WalkDir(data, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	})
}
