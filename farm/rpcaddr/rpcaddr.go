// Package rpcaddr parses the RPC address a member advertises through gossip
// and builds, from it, the only URLs other members call it at.
//
// An advertised address comes from outside: whoever can gossip can claim
// any. Used as given, "http://127.0.0.1:18098/internal/admin/delete?x="
// made a coordinator POST tasks to a path of the attacker's choosing on
// the coordinator's own machine. So an address is a host and a port only
// (http://HOST:PORT), or a node behind NAT reached through its gateway
// (http://HOST:PORT/rpc/v1/relay/NAME); anything else (userinfo, another
// scheme or path, a query, a fragment, escapes) is refused, and every URL
// is built from the parsed parts with a fixed path of ours. What is left
// is the host and port: a member can still name any machine, but only our
// own routes are ever asked for there, with our own bodies.
package rpcaddr

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// RelayPrefix starts a relayed node's RPC URL at its gateway:
// GATEWAY/rpc/v1/relay/NODE/rpc/v1/... reaches NODE's /rpc/v1/...
const RelayPrefix = "/rpc/v1/relay/"

// ErrBad is wrapped by every refusal of an address.
var ErrBad = errors.New("bad RPC address")

// maxLen bounds an address: a hostname is at most 253 bytes, and a
// member's metadata is 512 in all.
const maxLen = 320

// Addr is a parsed RPC address.
type Addr struct {
	// HostPort is "host:port" ("[v6]:port"), in canonical spelling.
	HostPort string
	// Relay is the name of a node behind NAT reached through the gateway
	// at HostPort, or "" for a node reached directly.
	Relay string
}

// Parse checks s as an advertised RPC address and returns its parts.
func Parse(s string) (Addr, error) {
	bad := func(why string) (Addr, error) {
		return Addr{}, fmt.Errorf("%w %q: %s (want http://HOST:PORT)", ErrBad, clip(s), why)
	}
	if len(s) > maxLen {
		return bad(fmt.Sprintf("%d bytes, at most %d", len(s), maxLen))
	}
	// Escapes and the query and fragment marks are refused outright, so
	// that no spelling can smuggle a path or a query past the checks.
	if i := strings.IndexAny(s, "%?#@\\ \t\r\n"); i >= 0 {
		return bad(fmt.Sprintf("%q is not allowed: no userinfo, query, fragment or escapes", s[i]))
	}
	u, err := url.Parse(s)
	if err != nil {
		return bad(err.Error())
	}
	if u.Scheme != "http" || u.Opaque != "" || u.User != nil {
		return bad("the scheme must be http, with nothing before the host")
	}
	host, port, err := net.SplitHostPort(u.Host)
	if err != nil {
		return bad("no port: " + err.Error())
	}
	p, err := strconv.Atoi(port)
	if err != nil || p < 1 || p > 65535 || port != strconv.Itoa(p) {
		return bad(fmt.Sprintf("port %q is not 1-65535", port))
	}
	if ip := net.ParseIP(host); ip != nil {
		host = ip.String()
	} else if !validHostname(host) {
		return bad(fmt.Sprintf("host %q is neither an IP nor a hostname", host))
	}
	a := Addr{HostPort: net.JoinHostPort(strings.ToLower(host), port)}
	switch {
	case u.Path == "":
	case strings.HasPrefix(u.Path, RelayPrefix) && validName(strings.TrimPrefix(u.Path, RelayPrefix)):
		a.Relay = strings.TrimPrefix(u.Path, RelayPrefix)
	default:
		return bad(fmt.Sprintf("path %q: only a gateway's %sNAME may follow the port", u.Path, RelayPrefix))
	}
	return a, nil
}

// String is the address as a base URL, in canonical spelling.
func (a Addr) String() string { return a.URL("") }

// URL is the URL of path (one of our fixed routes, "/rpc/v1/...") at a.
func (a Addr) URL(path string) string {
	if a.Relay != "" {
		path = RelayPrefix + a.Relay + path
	}
	u := url.URL{Scheme: "http", Host: a.HostPort, Path: path}
	return u.String()
}

// Join parses the advertised address base and returns the URL of path at
// it: what every call to a member is built with.
func Join(base, path string) (string, error) {
	a, err := Parse(base)
	if err != nil {
		return "", err
	}
	return a.URL(path), nil
}

// validHostname reports whether h is a DNS name: dot-separated labels of
// letters, digits and inner hyphens, 253 bytes at most.
func validHostname(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// validName reports whether s can be a relayed node's name in a path: one
// segment of letters, digits, dots, hyphens and underscores, not a dot
// segment.
func validName(s string) bool {
	if s == "" || len(s) > 64 || s == "." || s == ".." {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
