// Package notifyurl checks the URL a requester gives for job notifications
// and dials it only where a node may post.
//
// A notify URL comes from a client of the node, and the node, not the
// client, makes the request: used as given, http://127.0.0.1:8545/ or
// http://169.254.169.254/latest/meta-data/ would have the node post to
// its own chain endpoint or to a cloud's metadata service (server-side
// request forgery). So a URL is http or https with a host, without
// userinfo or fragment, and the address actually dialled (after DNS, so a
// name that resolves to 127.0.0.1 is caught too, and so is a rebinding)
// must be public unless the node's owner allows private targets.
package notifyurl

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrBad is wrapped by every refusal of a notify URL or of the address it
// leads to.
var ErrBad = errors.New("bad notify URL")

// maxLen bounds a notify URL.
const maxLen = 2048

// Parse checks s as a notify URL and returns it in canonical spelling. A
// host given as an IP must be public unless allowPrivate; a hostname is
// checked when it is dialled (Client).
func Parse(s string, allowPrivate bool) (string, error) {
	bad := func(why string) (string, error) {
		return "", fmt.Errorf("%w %q: %s (want http(s)://HOST[:PORT]/PATH)", ErrBad, clip(s), why)
	}
	if len(s) > maxLen {
		return bad(fmt.Sprintf("%d bytes, at most %d", len(s), maxLen))
	}
	if strings.ContainsAny(s, " \t\r\n\\") {
		return bad("whitespace and backslashes are not allowed")
	}
	u, err := url.Parse(s)
	if err != nil {
		return bad(err.Error())
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return bad("the scheme must be http or https")
	case u.Opaque != "" || u.Host == "":
		return bad("no host")
	case u.User != nil:
		return bad("userinfo is not allowed: put a secret in the path or check the signature")
	case u.Fragment != "" || strings.Contains(s, "#"):
		return bad("a fragment is not allowed")
	}
	host := u.Hostname()
	if host == "" {
		return bad("no host")
	}
	if p := u.Port(); p != "" {
		if _, err := net.LookupPort("tcp", p); err != nil || strings.HasPrefix(p, "0") {
			return bad(fmt.Sprintf("port %q is not 1-65535", p))
		}
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if err := Allowed(ip, allowPrivate); err != nil {
			return bad(err.Error())
		}
	}
	return u.String(), nil
}

// Allowed refuses an address a node must not post to on a client's word:
// loopback, private, link-local, unspecified, multicast and the like,
// unless allowPrivate (then only unspecified and multicast, which are
// never a receiver).
func Allowed(ip netip.Addr, allowPrivate bool) error {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid():
		return fmt.Errorf("%w: no address", ErrBad)
	case ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast():
		return fmt.Errorf("%w: %s is not a host", ErrBad, ip)
	case allowPrivate:
		return nil
	case ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || cgnat.Contains(ip) || ip.Is4() && ip.As4()[0] == 0:
		return fmt.Errorf("%w: %s is a loopback, private or link-local address (the node's owner can allow those: conun node --notify-private)", ErrBad, ip)
	}
	return nil
}

// cgnat is the shared address space of carrier-grade NAT (RFC 6598),
// private in all but name.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// Client returns an HTTP client that dials only addresses Allowed lets
// through, follows no redirect (a redirect is a new target the URL check
// never saw) and uses no proxy; timeout bounds each request.
func Client(allowPrivate bool, timeout time.Duration) *http.Client {
	d := &net.Dialer{
		Timeout: timeout,
		// Control sees the address really dialled, after DNS: a hostname
		// that resolves (or rebinds) to a private address is refused here.
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: dial %s: %w", ErrBad, address, err)
			}
			return Allowed(ap.Addr(), allowPrivate)
		},
	}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy: nil,
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				return d.DialContext(ctx, network, addr)
			},
			TLSHandshakeTimeout: timeout,
			MaxIdleConnsPerHost: 2,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
