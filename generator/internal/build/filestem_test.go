package build

import "testing"

func TestFileStemKeepsPluralInitialisms(t *testing.T) {
	for tag, want := range map[string]string{
		"VPCs":                 "service_vpcs",
		"Floating IPs":         "service_floating_ips",
		"Reserved IP Actions":  "service_reserved_ip_actions",
		"ACLs and Users":       "service_acls_and_users",
		"Data Attributes":      "service_data_attributes",
		"HTTPServer":           "service_http_server",
		"About Us":             "service_about_us",
		"1-Click Applications": "service_1_click_applications",
	} {
		if got := fileStem(tag); got != want {
			t.Errorf("fileStem(%q) = %q, want %q", tag, got, want)
		}
	}
}
