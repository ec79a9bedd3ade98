package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestTokenCommands: the node owner makes, lists and revokes a studio's
// token against a node in its own process; the studio's token works until
// it is revoked, and cannot make tokens itself.
func TestTokenCommands(t *testing.T) {
	n := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	code, out, errOut := conun(t, "token", "create", "--name", "studio-a", "--json", "--node", n.url)
	if code != 0 {
		t.Fatalf("token create: exit %d: %s", code, errOut)
	}
	var tok api.ClientToken
	if err := json.Unmarshal([]byte(out), &tok); err != nil || tok.Name != "studio-a" || len(tok.Token) < 32 {
		t.Fatalf("token create printed %q (%v)", out, err)
	}
	for _, tc := range []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // in stdout, or stderr when the command fails
	}{
		{"list", []string{"token", "list"}, 0, "studio-a"},
		{"list hides tokens", []string{"token", "list", "--json"}, 0, `"name": "studio-a"`},
		{"the studio's token works", []string{"jobs", "--token", tok.Token}, 0, ""},
		{"a client makes no tokens", []string{"token", "create", "--name", "studio-b", "--token", tok.Token}, 1, "admin"},
		{"a name once", []string{"token", "create", "--name", "studio-a"}, 1, "already has a token"},
		{"a bad name", []string{"token", "create", "--name", "studio a/../b"}, 1, "client name"},
		{"no verb", []string{"token"}, 2, "want create"},
		{"create wants a name", []string{"token", "create"}, 2, "--name"},
		{"revoke", []string{"token", "revoke", "studio-a"}, 0, "revoked studio-a"},
		{"a revoked token", []string{"jobs", "--token", tok.Token}, 1, "revoked"},
		{"revoke twice", []string{"token", "revoke", "studio-a"}, 1, "no such client"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := conun(t, append(tc.args, "--node", n.url)...)
			got := out
			if code != 0 {
				got = errOut
			}
			if code != tc.wantCode || !strings.Contains(got, tc.wantOut) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d with %q", code, out, errOut, tc.wantCode, tc.wantOut)
			}
			if strings.Contains(out+errOut, tok.Token) {
				t.Fatalf("printed the token again: %q %q", out, errOut)
			}
		})
	}
}
