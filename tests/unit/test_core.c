#define _POSIX_C_SOURCE 200809L
#include "../check.h"

#include "core/core_file.h"
#include "core/core_log.h"
#include "core/core_result.h"
#include "core/core_text.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char folder[256];

static int count_entries(const char *path)
{
    DIR *dir = opendir(path);
    int count = 0;
    for (struct dirent *e; dir && (e = readdir(dir)) != NULL;)
        count += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (dir)
        closedir(dir);
    return count;
}

static void test_read_errors(void)
{
    char *data;
    size_t size;
    CHECK(core_file_read("/no/such/file.obj", 100, &data, &size) == CORE_ERR_NOT_FOUND);
    CHECK(strstr(core_last_error(), "/no/such/file.obj") != NULL);
    CHECK(core_file_read(folder, 100, &data, &size) == CORE_ERR_ARGUMENT);
    CHECK(strstr(core_last_error(), "is a directory") != NULL);

    char path[512];
    snprintf(path, sizeof path, "%s/ten.txt", folder);
    CHECK(core_file_write_bytes(path, CORE_WRITE_NO_CLOBBER, "0123456789", 10) == CORE_OK);
    CHECK(core_file_read(path, 9, &data, &size) == CORE_ERR_TOO_LARGE);
    CHECK(strstr(core_last_error(), "over the limit") != NULL);
    CHECK(core_file_read(path, 10, &data, &size) == CORE_OK);
    CHECK(size == 10 && data[10] == '\0' && memcmp(data, "0123456789", 10) == 0);
    core_file_free(data);
}

static void test_atomic_write(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/out.bin", folder);
    int before = count_entries(folder);
    CHECK(core_file_write_bytes(path, CORE_WRITE_NO_CLOBBER, "first", 5) == CORE_OK);
    CHECK(core_file_write_bytes(path, CORE_WRITE_NO_CLOBBER, "second", 6) == CORE_ERR_EXISTS);
    CHECK(strstr(core_last_error(), "already exists") != NULL);
    char *data;
    size_t size;
    CHECK(core_file_read(path, 100, &data, &size) == CORE_OK);
    CHECK(size == 5 && memcmp(data, "first", 5) == 0); /* the user's file is untouched */
    core_file_free(data);
    CHECK(core_file_write_bytes(path, CORE_WRITE_REPLACE, "second", 6) == CORE_OK);
    CHECK(core_file_read(path, 100, &data, &size) == CORE_OK);
    CHECK(size == 6 && memcmp(data, "second", 6) == 0);
    core_file_free(data);
    /* No temporary file is left behind either way. */
    CHECK(count_entries(folder) == before + 1);
    struct stat info;
    CHECK(stat(path, &info) == 0 && (info.st_mode & 0644) == 0644);
}

static bool fail_halfway(void *user, core_write_fn write, void *write_user)
{
    (void)user;
    write(write_user, "half", 4);
    return false;
}

static void test_failed_write_leaves_nothing(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/never.bin", folder);
    int before = count_entries(folder);
    CHECK(core_file_write_atomic(path, CORE_WRITE_NO_CLOBBER, fail_halfway, NULL) == CORE_ERR_IO);
    CHECK(!core_file_exists(path));
    CHECK(count_entries(folder) == before);
    CHECK(core_file_write_bytes("/no/such/folder/x.png", CORE_WRITE_NO_CLOBBER, "x", 1) ==
          CORE_ERR_IO);
    CHECK(strstr(core_last_error(), "/no/such/folder/x.png") != NULL);
}

static void test_paths(void)
{
    char out[64];
    core_path_dirname("a/b/c.obj", out, sizeof out);
    CHECK(strcmp(out, "a/b") == 0);
    core_path_dirname("c.obj", out, sizeof out);
    CHECK(strcmp(out, ".") == 0);
    core_path_dirname("/c.obj", out, sizeof out);
    CHECK(strcmp(out, "/") == 0);
    CHECK(strcmp(core_path_basename("a/b/c.obj"), "c.obj") == 0);
    core_path_stem("a/b/bust.v2.obj", out, sizeof out);
    CHECK(strcmp(out, "bust.v2") == 0);
    core_path_stem(".hidden", out, sizeof out);
    CHECK(strcmp(out, ".hidden") == 0);
    CHECK(core_path_join("a/", "b", out, sizeof out) == CORE_OK && strcmp(out, "a/b") == 0);
    CHECK(core_path_join("a", "b", out, sizeof out) == CORE_OK && strcmp(out, "a/b") == 0);
    char tiny[4];
    CHECK(core_path_join("abc", "def", tiny, sizeof tiny) == CORE_ERR_ARGUMENT);
}

static int sink_calls;
static core_log_level sink_level;
static void counting_sink(core_log_level level, const char *message, void *user)
{
    (void)message;
    (void)user;
    ++sink_calls;
    sink_level = level;
}

static void test_log_and_errors(void)
{
    core_log_set_sink(counting_sink, NULL);
    core_log_set_level(CORE_LOG_WARNING);
    core_log(CORE_LOG_INFO, "dropped");
    CHECK(sink_calls == 0);
    core_log(CORE_LOG_ERROR, "kept %d", 1);
    CHECK(sink_calls == 1 && sink_level == CORE_LOG_ERROR);
    core_log_set_sink(NULL, NULL);

    CHECK(core_fail(CORE_ERR_PARSE, "line one\nline two") == CORE_ERR_PARSE);
    CHECK(strchr(core_last_error(), '\n') == NULL); /* errors are always one line */
    /* Adding context to the last error, with the error itself as an argument. */
    core_fail(CORE_ERR_PARSE, "bad face");
    core_fail(CORE_ERR_PARSE, "%s: %s", "model.obj", core_last_error());
    CHECK(strcmp(core_last_error(), "model.obj: bad face") == 0);
    core_fail(CORE_ERR_PARSE, "trailing newline\n");
    CHECK(strcmp(core_last_error(), "trailing newline") == 0);
    core_clear_error();
    CHECK(core_last_error()[0] == '\0');
    CHECK(strcmp(core_result_name(CORE_ERR_EXISTS), "already exists") == 0);
}

static void test_utf8(void)
{
    char text[64];
    snprintf(text, sizeof text, "plain d\xc3\xa6r \xe6 \xc0\xaf \xed\xa0\x80 \x01" "end");
    core_utf8_sanitize(text);
    /* valid 2-byte kept; Latin-1 byte, overlong '/', surrogate, control replaced */
    CHECK(strcmp(text, "plain d\xc3\xa6r ? ?? ???  end") == 0);
    char small[5];
    core_utf8_copy(small, sizeof small, "ab\xe2\x82\xac"); /* "ab€" does not fit in 4 bytes */
    CHECK(strcmp(small, "ab") == 0);
    core_utf8_copy(small, sizeof small, "abcdef");
    CHECK(strcmp(small, "abcd") == 0);
}

static void test_names(void)
{
    CHECK(core_text_same_name("Gloss", "gloss"));
    CHECK(core_text_same_name("EYES", "eyes"));
    CHECK(!core_text_same_name("eye", "eyes"));
    CHECK(!core_text_same_name("eyes", "eye"));
    CHECK(core_text_distance("rendr", "render", 3) == 1);
    CHECK(core_text_distance("chekc", "check", 3) == 1); /* a swap of neighbours */
    CHECK(core_text_distance("info", "info", 3) == 0);
    CHECK(core_text_distance("zzzzzz", "view", 3) == 3); /* capped */
    CHECK(core_text_distance("", "view", 9) == 4);
}

int main(void)
{
    snprintf(folder, sizeof folder, "/tmp/glint-test-core-XXXXXX");
    if (!mkdtemp(folder))
        return 1;
    test_read_errors();
    test_atomic_write();
    test_failed_write_leaves_nothing();
    test_paths();
    test_log_and_errors();
    test_utf8();
    test_names();
    char command[300];
    snprintf(command, sizeof command, "rm -rf '%s'", folder);
    if (system(command) != 0)
        fprintf(stderr, "could not remove %s\n", folder);
    return check_done("test_core");
}
