package imagefs

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// User resolves an image's USER ("uid", "uid:gid", "name", "name:group") to numeric ids as a runtime does: names
// through the image's own /etc/passwd and /etc/group, a user's primary group from /etc/passwd when no group is
// given (0 when the user has no entry there). Empty: nil, nil (root, unless the pod says otherwise).
func User(root, user string) (*int64, *int64, error) {
	if user == "" {
		return nil, nil, nil
	}
	u, g, hasGroup := strings.Cut(user, ":")
	passwd, err := entries(root, "/etc/passwd")
	if err != nil {
		return nil, nil, err
	}
	var uid, gid int64
	var primary *int64
	if n, err := strconv.ParseInt(u, 10, 64); err == nil {
		uid = n
		for _, f := range passwd {
			if f[2] == u {
				primary = parseID(f[3])
				break
			}
		}
	} else {
		found := false
		for _, f := range passwd {
			if f[0] == u {
				id := parseID(f[2])
				if id == nil {
					return nil, nil, fmt.Errorf("image user %q: bad uid in /etc/passwd", u)
				}
				uid, primary, found = *id, parseID(f[3]), true
				break
			}
		}
		if !found {
			return nil, nil, fmt.Errorf("image user %q: no such user in the image's /etc/passwd", u)
		}
	}
	switch {
	case hasGroup:
		if n, err := strconv.ParseInt(g, 10, 64); err == nil {
			gid = n
		} else {
			groups, err := entries(root, "/etc/group")
			if err != nil {
				return nil, nil, err
			}
			found := false
			for _, f := range groups {
				if f[0] == g {
					if id := parseID(f[2]); id != nil {
						gid, found = *id, true
					}
					break
				}
			}
			if !found {
				return nil, nil, fmt.Errorf("image group %q: no such group in the image's /etc/group", g)
			}
		}
	case primary != nil:
		gid = *primary
	}
	return &uid, &gid, nil
}

// entries reads a colon-separated database of the image (at least 4 fields a line); a missing file has no entries.
func entries(root, file string) ([][]string, error) {
	p, err := resolve(root, file, true)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), ":")
		if len(fields) >= 4 {
			out = append(out, fields)
		}
	}
	return out, sc.Err()
}

func parseID(s string) *int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil
	}
	return &n
}
