// libpq's header sits in a postgresql/ include folder on Debian; pkg-config adds it to the path.
#include <libpq-fe.h>
