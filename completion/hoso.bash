# bash completion for hoso: commands, the options of each command (from its help, so they
# are those of the installed hoso), option values, and dossier codes from the data home
# (hoso search --dossiers --json --code PREFIX). Installed as
# share/bash-completion/completions/hoso.

# the words of `hoso [--home DIR] search --dossiers --json --code CUR`: the codes in the home
_hoso_codes()
{
    local hoso=$1 cur=$2
    shift 2
    "$hoso" "$@" search --dossiers --json --limit 200 --code "$cur" 2>/dev/null |
        sed -n 's/^ *"code": "\([^"]*\)".*/\1/p'
}

# the flags of a command: the first column of the option lines of `hoso help CMD`
_hoso_options()
{
    "$1" help "$2" 2>/dev/null |
        awk '/^  -/ { sub(/^  /, ""); sub(/  .*/, ""); print }' |
        grep -oE -- '-{1,2}[a-zA-Z][a-zA-Z0-9-]*'
}

_hoso()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local hoso=${COMP_WORDS[0]} i cmd='' at=0
    local -a home=()
    COMPREPLY=()
    # global options, then the command
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        --home)
            home=(--home "${COMP_WORDS[i + 1]}")
            ((i++))
            ;;
        --home=*) home=("${COMP_WORDS[i]}") ;;
        -*) ;;
        *)
            cmd=${COMP_WORDS[i]}
            at=$i
            break
            ;;
        esac
    done
    if [[ -z $cmd ]]; then
        if [[ $prev == --home ]]; then
            COMPREPLY=($(compgen -d -- "$cur"))
        elif [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '--home --help --version' -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$("$hoso" help --commands 2>/dev/null)" -- "$cur"))
        fi
        return
    fi
    if [[ $cmd == help ]]; then
        ((COMP_CWORD == at + 1)) &&
            COMPREPLY=($(compgen -W "$("$hoso" help --commands 2>/dev/null)" -- "$cur"))
        return
    fi
    # the value of an option
    case $prev in
    --debug-dir | --dir)
        COMPREPLY=($(compgen -d -- "$cur"))
        return
        ;;
    --token-file)
        COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --source)
        COMPREPLY=($(compgen -W 'flatbed adf' -- "$cur"))
        return
        ;;
    --mode)
        COMPREPLY=($(compgen -W 'color gray lineart' -- "$cur"))
        return
        ;;
    --lang | -l)
        local langs
        langs=$(tesseract --list-langs 2>/dev/null | tail -n +2)
        COMPREPLY=($(compgen -W "$langs" -- "$cur"))
        return
        ;;
    --code)
        [[ $cmd == scan || $cmd == search ]] &&
            COMPREPLY=($(compgen -W "$(_hoso_codes "$hoso" "$cur" "${home[@]}")" -- "$cur"))
        return
        ;;
    --device | --agency | --limit | -n | --from | --to | --field | -j | --jobs | --shard | \
        --page-timeout | --listen | --token | --threads | --timeout | --resolution | \
        --sane-option | --sane-timeout)
        return
        ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_hoso_options "$hoso" "$cmd")" -- "$cur"))
        return
    fi
    case $cmd in
    show | export | verify)
        COMPREPLY=($(compgen -W "$(_hoso_codes "$hoso" "$cur" "${home[@]}")" -- "$cur"))
        ;;
    ocr | scan | batch | merge)
        COMPREPLY=($(compgen -f -- "$cur"))
        compopt -o filenames 2>/dev/null
        ;;
    esac
}
complete -F _hoso hoso
