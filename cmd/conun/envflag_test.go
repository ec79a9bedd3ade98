package main

import (
	"flag"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestSecretsNotInHelp: a gossip key or an API token kept in the
// environment is used, but -h never prints it (the flag package prints a
// flag's default, and these defaults come from the environment).
func TestSecretsNotInHelp(t *testing.T) {
	const key, token = "0f0e0d0c0b0a09080706050403020100", "tok-sekrit-4242"
	for _, args := range [][]string{{"node", "-h"}, {"status", "-h"}} {
		t.Run(args[0], func(t *testing.T) {
			// -h prints on the process's stderr: run the command as its own
			// process (this test binary as conun, see TestMain).
			cmd := exec.Command(os.Args[0], args...)
			cmd.Env = append(os.Environ(), "CONUN_TEST_MAIN=1", "CONUN_GOSSIP_KEY="+key, "CONUN_TOKEN="+token)
			out, _ := cmd.CombinedOutput()
			help := string(out)
			if !strings.Contains(help, "-token") && !strings.Contains(help, "-gossip-key") {
				t.Fatalf("%v: no help printed:\n%s", args, help)
			}
			if strings.Contains(help, key) || strings.Contains(help, token) {
				t.Errorf("%v prints a secret from the environment:\n%s", args, help)
			}
		})
	}
}

// TestEnvStringValue: the environment's value is in effect until a flag
// sets one; only a set value reads back through String.
func TestEnvStringValue(t *testing.T) {
	env := map[string]string{"K": "from-env"}
	tests := []struct {
		name       string
		args       []string
		value, str string
	}{
		{"environment only", nil, "from-env", ""},
		{"flag wins", []string{"-k", "from-flag"}, "from-flag", "from-flag"},
		{"flag set empty", []string{"-k", ""}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			e := envFlag(fs, "k", "K", "a secret", func(k string) string { return env[k] })
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			if e.Value() != tt.value || e.String() != tt.str {
				t.Errorf("Value %q String %q, want %q and %q", e.Value(), e.String(), tt.value, tt.str)
			}
		})
	}
}
