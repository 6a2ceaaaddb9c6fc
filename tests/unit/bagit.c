/* Unit tests of src/lib/bagit.c: paths, lines, manifests, tag files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bagit.h"
#include "buf.h"

static int failures;

static void
check(int ok, const char *what)
{
	if (!ok) {
		printf("FAIL: %s\n", what);
		failures++;
	}
}

static void
test_encode(void)
{
	struct buf b = BUF_INIT;
	char s[] = "data/a%0Ab%25c%0d%41";
	size_t n;

	bag_path_encode(&b, "data/a\nb%c\r", 11);
	check(strcmp(b.data, "data/a%0Ab%25c%0D") == 0, "encode CR LF %");
	n = bag_path_decode(s, strlen(s));
	check(n == 14 && memcmp(s, "data/a\nb%c\r%41", 14) == 0,
	    "decode only %0A %0D %25");
	buf_free(&b);
}

static void
test_path_problem(void)
{
	check(bag_path_problem("data/a b/æ.txt", 15) == NULL, "plain path");
	check(bag_path_problem("/etc/x", 6) != NULL, "absolute");
	check(bag_path_problem("data/../../x", 12) != NULL, "dotdot");
	check(bag_path_problem("data/./x", 8) != NULL, "dot");
	check(bag_path_problem("data//x", 7) != NULL, "empty component");
	check(bag_path_problem("data/x/", 7) != NULL, "trailing slash");
	check(bag_path_problem("data/\0x", 7) != NULL, "NUL");
	check(bag_path_problem("", 0) != NULL, "empty");
	check(bag_path_problem("data/..x", 8) == NULL, "dotdot prefix ok");
}

static void
test_lines(void)
{
	const char *s = "a\r\nb\rc\n\nd", *line;
	size_t pos = 0, len, n = 0;
	char got[64] = "";

	while (bag_next_line(s, strlen(s), &pos, &line, &len)) {
		strncat(got, line, len);
		strcat(got, "|");
		n++;
	}
	check(n == 5 && strcmp(got, "a|b|c||d|") == 0, "line ends");
}

static void
test_manifest(void)
{
	const char *sum, *path;
	size_t sl, pl;
	const char *line = "abc \t data/fil med mellomrom.txt";
	int is_tag;
	const char *alg;
	size_t alglen;

	check(bag_manifest_split(line, strlen(line), &sum, &sl, &path,
	    &pl) == 0 && sl == 3 && pl == 26 &&
	    memcmp(path, "data/fil med mellomrom.txt", 26) == 0, "split");
	check(bag_manifest_split("abc", 3, &sum, &sl, &path, &pl) != 0,
	    "no path");
	check(bag_manifest_name("manifest-sha256.txt", &is_tag, &alg,
	    &alglen) && !is_tag && alglen == 6, "manifest name");
	check(bag_manifest_name("tagmanifest-md5.txt", &is_tag, &alg,
	    &alglen) && is_tag && alglen == 3, "tag manifest name");
	check(!bag_manifest_name("data/manifest-md5.txt", &is_tag, &alg,
	    &alglen), "not at top");
	check(!bag_manifest_name("manifest-.txt", &is_tag, &alg, &alglen),
	    "no algorithm");
}

static void
test_bagit_txt(void)
{
	struct buf b = BUF_INIT;
	char why[128];
	int unsupported;
	const char *v097 = "BagIt-Version: 0.97\r\n"
	    "Tag-File-Character-Encoding: UTF-8\r\n";

	bag_bagit_txt(&b);
	check(bag_bagit_check(b.data, b.len, &unsupported, why,
	    sizeof why) == NULL, "own bagit.txt");
	check(bag_bagit_check(v097, strlen(v097), &unsupported, why,
	    sizeof why) == NULL, "0.97 with CRLF");
	check(bag_bagit_check("BagIt-Version: 9.0\n", 19, &unsupported, why,
	    sizeof why) != NULL && unsupported, "other version");
	buf_free(&b);
}

static void
test_bag_info(void)
{
	const char *s = "Source-Organization: Testkommune\n"
	    "External-Description: en lang\n   beskrivelse\n"
	    "Payload-Oxum: 12.3\n";
	struct bag_tag *t;
	size_t n;
	unsigned long bad;
	uint64_t o, f;

	check(bag_info_parse(s, strlen(s), &t, &n, &bad) == 0 && n == 3 &&
	    strcmp(t[1].value, "en lang beskrivelse") == 0 &&
	    t[2].line == 4, "bag-info with continuation");
	bag_tags_free(t, n);
	check(bag_info_parse("uten kolon\n", 11, &t, &n, &bad) != 0 &&
	    bad == 1, "malformed line");
	bag_tags_free(t, n);
	check(bag_oxum_parse("12.3", &o, &f) == 0 && o == 12 && f == 3,
	    "oxum");
	check(bag_oxum_parse("12", &o, &f) != 0 &&
	    bag_oxum_parse("1.2x", &o, &f) != 0 &&
	    bag_oxum_parse("-1.2", &o, &f) != 0, "bad oxum");
	check(bag_label_problem("Kontakt: x") != NULL &&
	    bag_label_problem(" x") != NULL &&
	    bag_label_problem("Contact-Name") == NULL, "labels");
	check(bag_value_problem("a\nb") != NULL &&
	    bag_value_problem("Ærlig talt") == NULL, "values");
	/* A letter split across an 8-byte word (text.c reads words). */
	check(bag_value_problem("\xc3\xa6rlig \xc3\xb8l \xc3\xa5.txt") == NULL,
	    "Norwegian letters across words");
}

int
main(void)
{
	test_encode();
	test_path_problem();
	test_lines();
	test_manifest();
	test_bagit_txt();
	test_bag_info();
	return failures ? 1 : 0;
}
