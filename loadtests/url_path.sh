# The path each load-test workload is asked for (sourced by compare.sh and
# instructions.sh).
url_path() {
  case $1 in
    json) echo "/json?id=42&name=abc" ;;
    crypto) echo "/crypto?seed=nano" ;;
    hono) echo "/hono/users/42?fields=name,tags" ;;
    *) echo "/$1" ;;
  esac
}
