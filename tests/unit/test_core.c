#define _POSIX_C_SOURCE 200809L
#include "../check.h"

#include "core/core_cleanup.h"
#include "core/core_file.h"
#include "core/core_log.h"
#include "core/core_result.h"
#include "core/core_text.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* --overwrite replaces regular files only: a FIFO, a device behind a link or
 * a directory is refused in either mode and left as it was. */
static void test_only_regular_files_replaced(void)
{
    char fifo[512], link_to_fifo[512], dangling[512], path[512];
    snprintf(fifo, sizeof fifo, "%s/fifo", folder);
    snprintf(link_to_fifo, sizeof link_to_fifo, "%s/link-to-fifo", folder);
    snprintf(dangling, sizeof dangling, "%s/dangling", folder);
    CHECK(mkfifo(fifo, 0600) == 0 && symlink("fifo", link_to_fifo) == 0 &&
          symlink("nowhere", dangling) == 0);
    struct stat info;
    for (int mode = CORE_WRITE_NO_CLOBBER; mode <= CORE_WRITE_REPLACE; ++mode) {
        CHECK(core_file_write_bytes(fifo, (core_write_mode)mode, "x", 1) == CORE_ERR_IO);
        CHECK(strstr(core_last_error(), "is a FIFO, not a regular file") != NULL);
        CHECK(core_file_write_bytes(link_to_fifo, (core_write_mode)mode, "x", 1) == CORE_ERR_IO);
        CHECK(core_file_check_target(folder, (core_write_mode)mode) == CORE_ERR_IO);
        CHECK(strstr(core_last_error(), "is a directory") != NULL);
    }
    CHECK(stat(fifo, &info) == 0 && S_ISFIFO(info.st_mode));
    CHECK(lstat(link_to_fifo, &info) == 0 && S_ISLNK(info.st_mode));
    CHECK(core_file_check_target("", CORE_WRITE_REPLACE) == CORE_ERR_ARGUMENT);
    CHECK(core_file_check_target(dangling, CORE_WRITE_NO_CLOBBER) == CORE_ERR_EXISTS);
    snprintf(path, sizeof path, "%s/missing/x.png", folder);
    CHECK(core_file_check_target(path, CORE_WRITE_REPLACE) == CORE_ERR_IO);
    CHECK(strstr(core_last_error(), "/missing does not exist") != NULL);
    unlink(fifo);
    unlink(link_to_fifo);
    unlink(dangling);
}

/* While the content is produced, the temporary is registered: a signal
 * handler running core_cleanup_run then removes it. */
static bool interrupted_halfway(void *user, core_write_fn write, void *write_user)
{
    int *entries = user;
    entries[0] = count_entries(folder);
    core_cleanup_run();
    entries[1] = count_entries(folder);
    return write(write_user, "late", 4);
}

static void test_interrupted_write_cleans_up(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/interrupted.bin", folder);
    int before = count_entries(folder), entries[2] = {0, 0};
    CHECK(core_file_write_atomic(path, CORE_WRITE_NO_CLOBBER, interrupted_halfway, entries) ==
          CORE_ERR_IO);
    CHECK(entries[0] == before + 1 && entries[1] == before);
    CHECK(count_entries(folder) == before && !core_file_exists(path));
    /* A finished write is forgotten: running the cleanup again removes nothing. */
    CHECK(core_file_write_bytes(path, CORE_WRITE_NO_CLOBBER, "kept", 4) == CORE_OK);
    core_cleanup_run();
    CHECK(core_file_exists(path));

    pid_t child = fork();
    if (child == 0) {
        pause();
        _exit(0);
    }
    CHECK(child > 0 && core_cleanup_add_child(child) >= 0);
    core_cleanup_run(); /* kills and reaps it */
    CHECK(waitpid(child, NULL, WNOHANG) < 0 && errno == ECHILD);
}

/* An over-long message keeps its start and its end (the reason). */
static void test_long_error_keeps_the_reason(void)
{
    size_t length = 100000;
    char *path = malloc(length + 1);
    CHECK(path != NULL);
    if (!path)
        return;
    for (size_t i = 0; i + 1 < length; i += 2)
        memcpy(path + i, "\xc3\xa9", 2); /* é: the cut must not split it */
    path[length] = '\0';
    core_fail(CORE_ERR_IO, "%s: File name too long", path);
    const char *message = core_last_error();
    size_t size = strlen(message);
    CHECK(size < 1024 && size > 900);
    CHECK(strncmp(message, path, 100) == 0);
    CHECK(strcmp(message + size - 20, ": File name too long") == 0);
    CHECK(strstr(message, "\xc3\xa9\xe2\x80\xa6\xc3\xa9") != NULL);
    free(path);
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
    test_only_regular_files_replaced();
    test_interrupted_write_cleans_up();
    test_long_error_keeps_the_reason();
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
