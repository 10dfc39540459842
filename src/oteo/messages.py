"""The message catalogue: every user-facing string as an (English, Spanish) pair.

Keys are grouped by area.  A ``.fix`` key follows an error key with the advice on how
to put it right.  ``tests/test_i18n.py`` checks both sides use the same placeholders.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ query language
    "query.error": (
        "column {column}: {message} Fix: {fix}",
        "columna {column}: {message} Solución: {fix}",
    ),
    "query.empty": ("The query is empty.", "La consulta está vacía."),
    "query.empty.fix": (
        'write at least one word or phrase, e.g. "my brand" OR @mybrand',
        'escribe al menos una palabra o frase, p. ej. "mi marca" OR @mimarca',
    ),
    "query.no_terms": (
        "The query has no word or phrase to look for (only exclusions or filters).",
        "La consulta no tiene ninguna palabra o frase que buscar (solo exclusiones o filtros).",
    ),
    "query.no_terms.fix": (
        'add the brand\'s name, e.g. "my brand" lang:es NOT job',
        'añade el nombre de la marca, p. ej. "mi marca" lang:es NOT empleo',
    ),
    "query.too_deep": (
        "The query nests too many parentheses or NOTs to be read.",
        "La consulta anida demasiados paréntesis o NOT para poder leerla.",
    ),
    "query.too_deep.fix": (
        "write it flatter: (a OR b) AND c needs no more than one level",
        "escríbela más plana: (a OR b) AND c no necesita más de un nivel",
    ),
    "query.unclosed_quote": (
        "A quote is opened here and never closed.",
        "Aquí se abren comillas que nunca se cierran.",
    ),
    "query.unclosed_quote.fix": (
        'close the phrase with another ".',
        'cierra la frase con otras comillas ".',
    ),
    "query.unclosed_paren": (
        "A parenthesis is opened here and never closed.",
        "Aquí se abre un paréntesis que nunca se cierra.",
    ),
    "query.unclosed_paren.fix": ("add the missing ')'.", "añade el ')' que falta."),
    "query.unopened_paren": ("This ')' closes nothing.", "Este ')' no cierra nada."),
    "query.unopened_paren.fix": (
        "remove it or add the matching '('.",
        "quítalo o añade el '(' que le corresponde.",
    ),
    "query.empty_group": ("Empty parentheses.", "Paréntesis vacíos."),
    "query.empty_group.fix": (
        "put words inside them or remove them.",
        "pon palabras dentro o quítalos.",
    ),
    "query.empty_phrase": ("Empty phrase.", "Frase vacía."),
    "query.empty_phrase.fix": (
        "put words between the quotes or remove them.",
        "pon palabras entre las comillas o quítalas.",
    ),
    "query.dangling": (
        "The query ends where a word was expected.",
        "La consulta termina donde se esperaba una palabra.",
    ),
    "query.dangling.fix": (
        "finish the expression after the last AND / OR / NOT / NEAR, or remove that operator.",
        "completa la expresión tras el último AND / OR / NOT / NEAR, o quita ese operador.",
    ),
    "query.misplaced_operator": ("'{text}' cannot go here.", "'{text}' no puede ir aquí."),
    "query.misplaced_operator.fix": (
        "put a word or phrase on both sides of AND / OR / NEAR; write it in quotes if you meant the word.",
        "pon una palabra o frase a cada lado de AND / OR / NEAR; escríbelo entre comillas si buscas la palabra.",
    ),
    "query.unexpected": ("Unexpected '{text}'.", "'{text}' inesperado."),
    "query.unexpected.fix": (
        "check the operators around it.",
        "revisa los operadores que lo rodean.",
    ),
    "query.bad_near": ("'{text}' is not a valid NEAR.", "'{text}' no es un NEAR válido."),
    "query.bad_near.fix": (
        "write NEAR/ followed by the number of words, e.g. NEAR/3.",
        "escribe NEAR/ seguido del número de palabras, p. ej. NEAR/3.",
    ),
    "query.near_operand": (
        "{text} joins words, phrases or OR-groups of them, not AND, NOT or filters.",
        "{text} une palabras, frases o grupos OR de ellas, no AND, NOT ni filtros.",
    ),
    "query.near_operand.fix": (
        "move the AND / NOT / filter outside: (a NEAR/3 b) AND c.",
        "saca el AND / NOT / filtro fuera: (a NEAR/3 b) AND c.",
    ),
    "query.unknown_filter": ("Unknown filter '{name}:'.", "Filtro desconocido '{name}:'."),
    "query.unknown_filter.fix": (
        "use one of {known}; put the text in quotes if you meant the word itself.",
        "usa uno de {known}; pon el texto entre comillas si buscas la palabra tal cual.",
    ),
    "query.empty_filter": (
        "The filter '{name}:' has no value.",
        "El filtro '{name}:' no tiene valor.",
    ),
    "query.empty_filter.fix": (
        "write the value right after the colon, e.g. lang:es.",
        "escribe el valor justo tras los dos puntos, p. ej. lang:es.",
    ),
    "query.inner_wildcard": (
        "'{text}': the * can only end a word.",
        "'{text}': el * solo puede ir al final de una palabra.",
    ),
    "query.inner_wildcard.fix": (
        "keep one * at the end, e.g. hambur*.",
        "deja un único * al final, p. ej. hambur*.",
    ),
    "query.short_prefix": (
        "'{text}' would match too many words.",
        "'{text}' coincidiría con demasiadas palabras.",
    ),
    "query.short_prefix.fix": (
        "write at least {n} letters before the *.",
        "escribe al menos {n} letras antes del *.",
    ),
    "query.no_letters": (
        "'{text}' has no letters or digits to look for.",
        "'{text}' no tiene letras ni cifras que buscar.",
    ),
    "query.no_letters.fix": (
        "remove it or put it in a phrase with words.",
        "quítalo o ponlo en una frase con palabras.",
    ),
    "query.phrase_wildcard": (
        'In "{text}" only the last word may end in *.',
        'En "{text}" solo la última palabra puede acabar en *.',
    ),
    "query.phrase_wildcard.fix": ("remove the inner *.", "quita el * interior."),
    # ------------------------------------------------------------------ config
    "config.error": ("error", "error"),
    "config.warning": ("warning", "aviso"),
    "config.fix": ("Fix", "Solución"),
    "config.yaml": (
        "The file is not valid YAML ({problem}).",
        "El fichero no es YAML válido ({problem}).",
    ),
    "config.yaml.fix": (
        "check the indentation (spaces, not tabs) and the colons on this line and the one above.",
        "revisa la sangría (espacios, no tabuladores) y los dos puntos de esta línea y la anterior.",
    ),
    "config.not_mapping": (
        "The file must be a set of settings (key: value).",
        "El fichero debe ser un conjunto de ajustes (clave: valor).",
    ),
    "config.not_mapping.fix": (
        "start from the example that 'oteo init' writes.",
        "parte del ejemplo que escribe 'oteo init'.",
    ),
    "config.not_found": (
        "The config file does not exist.",
        "El fichero de configuración no existe.",
    ),
    "config.not_found.fix": (
        "create one with 'oteo init' or pass --config PATH.",
        "crea uno con 'oteo init' o indica --config RUTA.",
    ),
    "config.unreadable": (
        "The config file cannot be read ({error}).",
        "No se puede leer el fichero de configuración ({error}).",
    ),
    "config.unreadable.fix": (
        "check the path and its permissions.",
        "revisa la ruta y sus permisos.",
    ),
    "config.too_big": (
        "The config file is too big ({size} bytes).",
        "El fichero de configuración es demasiado grande ({size} bytes).",
    ),
    "config.too_big.fix": (
        "a config is a few kilobytes; check you chose the right file.",
        "una configuración ocupa pocos kilobytes; comprueba que es el fichero correcto.",
    ),
    "config.encoding": (
        "The file is not valid UTF-8 text.",
        "El fichero no es texto UTF-8 válido.",
    ),
    "config.encoding.fix": (
        "save it as UTF-8 in your editor.",
        "guárdalo como UTF-8 desde tu editor.",
    ),
    "config.duplicate": (
        "'{name}' is repeated (first at line {first}); only the last would count.",
        "'{name}' está repetido (la primera vez en la línea {first}); solo contaría el último.",
    ),
    "config.duplicate.fix": ("keep a single '{name}'.", "deja un solo '{name}'."),
    "config.missing": ("'{name}' is missing.", "Falta '{name}'."),
    "config.missing.fix": ("add '{name}:' under {parent}.", "añade '{name}:' dentro de {parent}."),
    "config.unknown": ("Unknown setting '{name}'.", "Ajuste desconocido '{name}'."),
    "config.unknown.fix": (
        "the settings allowed here are: {known}.",
        "los ajustes posibles aquí son: {known}.",
    ),
    "config.unknown.fix_close": ("did you mean '{close}'?", "¿quisiste decir '{close}'?"),
    "config.choice": (
        "{value} is not one of the allowed values.",
        "{value} no es uno de los valores permitidos.",
    ),
    "config.choice.fix": ("use one of: {expected}.", "usa uno de: {expected}."),
    "config.type": ("Expected {kind}, found {value}.", "Se esperaba {kind} y hay {value}."),
    "config.type.fix": ("write {kind} here.", "escribe aquí {kind}."),
    "config.kind.text": ("a text", "un texto"),
    "config.kind.integer": ("a whole number", "un número entero"),
    "config.kind.number": ("a number", "un número"),
    "config.kind.boolean": ("true or false", "true o false"),
    "config.kind.list": (
        "a list (lines starting with '- ')",
        "una lista (líneas que empiezan por '- ')",
    ),
    "config.kind.mapping": (
        "a group of settings (key: value)",
        "un grupo de ajustes (clave: valor)",
    ),
    "config.kind.date": ("a date like 2026-12-25", "una fecha como 2026-12-25"),
    "config.too_short": ("Needs at least {min} entries.", "Necesita al menos {min} elementos."),
    "config.too_short.fix": ("add at least {min}.", "añade al menos {min}."),
    "config.range": (
        "{value} is out of range ({detail}).",
        "{value} está fuera de rango ({detail}).",
    ),
    "config.range.fix": ("use a value within the limits.", "usa un valor dentro de los límites."),
    "config.invalid": ("Invalid value ({detail}).", "Valor no válido ({detail})."),
    "config.invalid.fix": (
        "compare with the example from 'oteo init'.",
        "compáralo con el ejemplo de 'oteo init'.",
    ),
    "config.slug": (
        "'{value}' is not a valid identifier.",
        "'{value}' no es un identificador válido.",
    ),
    "config.slug.fix": (
        "use lower-case letters, digits, '-' and '_', starting with a letter or digit.",
        "usa minúsculas, cifras, '-' y '_', empezando por letra o cifra.",
    ),
    "config.timezone": ("Unknown time zone '{value}'.", "Zona horaria desconocida '{value}'."),
    "config.timezone.fix": (
        "use an IANA name such as Europe/Madrid or America/Mexico_City.",
        "usa un nombre IANA como Europe/Madrid o America/Mexico_City.",
    ),
    "config.duration": ("'{value}' is not a duration.", "'{value}' no es una duración."),
    "config.duration.fix": (
        "write it like 30m, 2h, 1h30m or 3d.",
        "escríbela como 30m, 2h, 1h30m o 3d.",
    ),
    "config.hours": ("'{value}' is not a time range.", "'{value}' no es un horario."),
    "config.hours.fix": (
        "write it like 09:00-18:00 (22:00-08:00 runs past midnight, 00:00-24:00 is all day).",
        "escríbelo como 09:00-18:00 (22:00-08:00 cruza la medianoche, 00:00-24:00 es el día entero).",
    ),
    "config.secret_env": (
        "the environment variable {name} is not set.",
        "la variable de entorno {name} no está definida.",
    ),
    "config.secret_env.fix": (
        "export {name}=… before starting oteo, or write the value here.",
        "exporta {name}=… antes de arrancar oteo, o escribe aquí el valor.",
    ),
    "config.secret_file": (
        "{name} names {path}, which cannot be read ({error}).",
        "{name} apunta a {path}, que no se puede leer ({error}).",
    ),
    "config.secret_file.fix": (
        "check the path and that oteo's user may read it.",
        "revisa la ruta y que el usuario de oteo pueda leerlo.",
    ),
    "config.day": ("'{value}' is not a day.", "'{value}' no es un día."),
    "config.day.fix": ("use one of: {known}.", "usa uno de: {known}."),
    "config.query": (
        "The query is not valid, column {column}: {message}",
        "La consulta no es válida, columna {column}: {message}",
    ),
    "config.query.fix": ("{fix}", "{fix}"),
    "config.repeated_id": (
        "'{name}' is used twice (first at line {first}).",
        "'{name}' se usa dos veces (la primera en la línea {first}).",
    ),
    "config.repeated_id.fix": ("give each one its own name.", "da a cada uno su propio nombre."),
    "config.unknown_person": ("'{name}' is not in the team.", "'{name}' no está en el equipo."),
    "config.unknown_person.fix": (
        "use the id of a team member ({known}) or add them under team.",
        "usa el id de alguien del equipo ({known}) o añádelo en team.",
    ),
    "config.unknown_contact": (
        "'{name}' is not a team member, a role or a group.",
        "'{name}' no es alguien del equipo, ni un rol, ni un grupo.",
    ),
    "config.unknown_contact.fix": (
        "use a team id ({known}), role:NAME, on_call or team.",
        "usa un id del equipo ({known}), role:NOMBRE, on_call o team.",
    ),
    "config.unknown_role": (
        "Nobody in the team has the role '{name}'.",
        "Nadie del equipo tiene el rol '{name}'.",
    ),
    "config.unknown_role.fix": (
        "give that role to someone under team, or use one of: {known}.",
        "asigna ese rol a alguien en team, o usa uno de: {known}.",
    ),
    "config.no_contacts": (
        "'{name}' has no contact details; they cannot be reached.",
        "'{name}' no tiene datos de contacto; no se le podrá avisar.",
    ),
    "config.no_contacts.fix": (
        "add at least an email or phone under contacts.",
        "añade al menos un email o teléfono en contacts.",
    ),
    "config.rota_gap": (
        "Nobody is listening at some hours (from {when}, about {hours} hours a week).",
        "Nadie escucha a algunas horas (desde {when}, unas {hours} horas a la semana).",
    ),
    "config.rota_gap.fix": (
        "add shifts for nights and weekends, or say in your public promise when you answer (sla).",
        "añade turnos de noche y fin de semana, o di en tu compromiso público cuándo respondes (sla).",
    ),
    "config.no_rota": (
        "There is no listening rota: alerts go only to the contacts of each level.",
        "No hay turnos de escucha: las alertas solo irán a los contactos de cada nivel.",
    ),
    "config.no_rota.fix": (
        "add rota.shifts saying who listens when.",
        "añade rota.shifts diciendo quién escucha y cuándo.",
    ),
}
MESSAGES["config.example_brand"] = ("My brand", "Mi marca")

MESSAGES.update(
    {
        # ------------------------------------------------------------------ records and import
        "record.not_object": ("The line is not a JSON object.", "La línea no es un objeto JSON."),
        "record.no_text": ("The post has no text.", "La publicación no tiene texto."),
        "record.text_not_string": ("'text' must be a string.", "'text' debe ser un texto."),
        "record.no_id": ("The post has no id.", "La publicación no tiene id."),
        "record.long_id": (
            "The id is longer than {limit} characters.",
            "El id tiene más de {limit} caracteres.",
        ),
        "record.bad_time": (
            "'{field}' is not a date and time: {value}.",
            "'{field}' no es una fecha y hora: {value}.",
        ),
        "record.bad_number": (
            "'{field}' is not a non-negative whole number: {value}.",
            "'{field}' no es un número entero no negativo: {value}.",
        ),
        "record.bad_bool": (
            "'{field}' is not true or false: {value}.",
            "'{field}' no es verdadero o falso: {value}.",
        ),
        "record.bad_relation": (
            "'relation' is '{value}'; it must be one of {known}.",
            "'relation' es '{value}'; debe ser uno de {known}.",
        ),
        "record.author_without_handle": (
            "The author has details but no handle.",
            "El autor tiene datos pero no tiene identificador (handle).",
        ),
        "record.future": (
            "The post is dated in the future ({value}).",
            "La publicación tiene fecha futura ({value}).",
        ),
        "record.bad_json": ("Not valid JSON ({error}).", "No es JSON válido ({error})."),
        "record.too_long": (
            "The line is longer than {limit} bytes.",
            "La línea ocupa más de {limit} bytes.",
        ),
        "record.bad_csv": (
            "The CSV is malformed here ({error}); reading stopped.",
            "El CSV está mal formado aquí ({error}); se deja de leer.",
        ),
        "import.unknown_format": (
            "Unknown file type '{suffix}'.",
            "Tipo de fichero desconocido '{suffix}'.",
        ),
        "import.unknown_format.fix": (
            "use .jsonl (or .ndjson), .json, .csv, .tsv or .txt.",
            "usa .jsonl (o .ndjson), .json, .csv, .tsv o .txt.",
        ),
        "import.is_folder": (
            "{path} is a folder: give one file.",
            "{path} es una carpeta: indica un fichero.",
        ),
        "import.not_found": ("The file {path} does not exist.", "El fichero {path} no existe."),
        "import.array_too_large": (
            "The JSON array is larger than {limit} MB: write it as JSON Lines (one object a line).",
            "El array JSON pasa de {limit} MB: escríbelo como JSON Lines (un objeto por línea).",
        ),
        "import.array_too_large.fix": (
            "jq -c '.[]' file.json > file.jsonl",
            "jq -c '.[]' fichero.json > fichero.jsonl",
        ),
        "import.unreadable": (
            "The file {path} cannot be read ({error}).",
            "No se puede leer el fichero {path} ({error}).",
        ),
        "import.no_text_column": (
            "The file has no 'text' column (columns: {columns}).",
            "El fichero no tiene columna 'text' ni 'texto' (columnas: {columns}).",
        ),
        "import.rejected": ("line {line}: rejected: {reason}", "línea {line}: rechazada: {reason}"),
        "import.more_rejected": (
            "… and {n} more lines rejected.",
            "… y {n} líneas rechazadas más.",
        ),
        "import.summary": (
            "{accepted} accepted ({new} new, {duplicates} already stored), {rejected} rejected.",
            "{accepted} aceptadas ({new} nuevas, {duplicates} ya guardadas), {rejected} rechazadas.",
        ),
        "import.late": (
            "Mentions older than what their watch had already seen: {late}. They are stored, "
            "but detection does not count them; to see what they would have raised: "
            "oteo backtest WATCH.",
            "Menciones anteriores a lo que su escucha ya había visto: {late}. Quedan guardadas, "
            "pero la detección no las cuenta; para ver qué habrían disparado: "
            "oteo backtest ESCUCHA.",
        ),
    }
)

MESSAGES.update(
    {
        # ------------------------------------------------------------------ severities, actions
        "severity.none": ("none", "ninguna"),
        "severity.isolated": ("isolated comment", "comentario aislado"),
        "severity.light": ("light criticism", "crítica leve"),
        "severity.strong": ("strong criticism", "crítica fuerte"),
        "severity.crisis": ("crisis", "crisis"),
        "action.inbox": (
            "Mentions sent to the reply inbox",
            "Menciones enviadas a la bandeja de respuesta",
        ),
        "action.notify": (
            "Contacts of this level notified",
            "Avisados los contactos de este nivel",
        ),
        "action.notify_all_staff": ("Inform all staff", "Informar a toda la plantilla"),
        # who a severity level pages (config ``contact:``), besides people and ``role:x``
        "level_contact.on_call": ("whoever is on call", "quien esté de guardia"),
        "level_contact.team": ("the whole team", "todo el equipo"),
        "action.convene_team": ("Crisis team convened", "Comité de crisis convocado"),
        "action.pause_promotions": (
            "Pause scheduled promotional posts",
            "Pausar las publicaciones promocionales programadas",
        ),
        "action.war_room_note": ("Open the war-room note", "Abrir la nota de la sala de crisis"),
        "action.holding_statement": (
            "Prepare the holding statement",
            "Preparar el comunicado de espera",
        ),
        "harm.health": ("health", "salud"),
        "harm.safety": ("safety", "seguridad"),
        "harm.legal": ("legal", "legal"),
        "harm.fraud": ("fraud", "fraude"),
        # ------------------------------------------------------------------ notifications
        "notify.drill_prefix": ("[DRILL]", "[SIMULACRO]"),
        "notify.drill_footer": (
            "This is a DRILL. No real crisis is happening.",
            "Esto es un SIMULACRO. No hay ninguna crisis real.",
        ),
        "notify.subject": (
            "[oteo] {level}: {brand}, {n} people complaining in {minutes} min",
            "[oteo] {level}: {brand}, {n} personas quejándose en {minutes} min",
        ),
        "notify.subject_escalated": (
            "[oteo] Raised to {level}: {brand}, {n} people complaining in {minutes} min",
            "[oteo] Sube a {level}: {brand}, {n} personas quejándose en {minutes} min",
        ),
        "notify.subject_reopened": (
            "[oteo] Outbreak again, {level}: {brand}, {n} people complaining in {minutes} min",
            "[oteo] Rebrote, {level}: {brand}, {n} personas quejándose en {minutes} min",
        ),
        "notify.subject_chain": (
            "[oteo] Nobody has acknowledged it yet, {level}: {brand}, {n} people complaining",
            "[oteo] Nadie lo ha confirmado aún, {level}: {brand}, {n} personas quejándose",
        ),
        "notify.body_ack": (
            "Acknowledge (I am on it): {url}",
            "Confirmar (me encargo): {url}",
        ),
        "notify.ack": ("Acknowledge", "Confirmar"),
        "notify.open": ("Open the incident", "Abrir el incidente"),
        "notify.acknowledged": (
            "Acknowledged by {who}: {title}",
            "Confirmado por {who}: {title}",
        ),
        "notify.closed": ("Closed by {who}: {title}", "Cerrado por {who}: {title}"),
        "notify.body_intro": (
            "oteo detected {level} about {brand}.",
            "oteo ha detectado {level} sobre {brand}.",
        ),
        "notify.body_authors": (
            "People posting negatively in the last {minutes} minutes: {n} (usual at this hour: {expected}).",
            "Personas publicando en negativo en los últimos {minutes} minutos: {n} (lo habitual a esta hora: {expected}).",
        ),
        "notify.body_share": (
            "Negative share: {share}% (between {low}% and {high}%).",
            "Proporción negativa: {share}% (entre {low}% y {high}%).",
        ),
        "notify.body_harm": ("Potential harm: {harm}.", "Posible daño: {harm}."),
        "notify.body_scale": (
            "It shows most over the last {minutes} minutes: {n} people (usual: {expected}).",
            "Se nota sobre todo en los últimos {minutes} minutos: {n} personas (lo habitual: {expected}).",
        ),
        "notify.body_harm_people": (
            "People speaking of harm in the last {minutes} minutes: {n} (usual: {expected}).",
            "Personas que hablan de daños en los últimos {minutes} minutos: {n} (lo habitual: {expected}).",
        ),
        "notify.body_words": (
            "Words far commoner than usual among the negative people of the last {minutes} minutes: {words}.",
            "Palabras mucho más frecuentes de lo habitual entre quienes publican en negativo en los últimos {minutes} minutos: {words}.",
        ),
        "notify.word": (
            "“{word}” ({n} people, usual: {expected})",
            "«{word}» ({n} personas, lo habitual: {expected})",
        ),
        "notify.body_first": (
            "First post: on {channel} by @{author} ({followers} followers):",
            "Primera publicación: en {channel}, de @{author} ({followers} seguidores):",
        ),
        "notify.body_key_authors": ("Key authors: {authors}.", "Autores clave: {authors}."),
        "notify.body_themes": ("What drives it: {themes}.", "De qué se habla: {themes}."),
        "notify.body_channels": ("Channels: {channels}.", "Canales: {channels}."),
        "notify.body_link": ("Open the incident: {url}", "Abrir el incidente: {url}"),
    }
)

MESSAGES.update(
    {
        # ------------------------------------------------------------------ web
        "web.title": ("Crisis room", "Sala de crisis"),
        "web.nav.overview": ("Overview", "Resumen"),
        "web.nav.inbox": ("Inbox", "Bandeja"),
        "web.footer": (
            "oteo · {now} · last mention received {last}",
            "oteo · {now} · última mención recibida el {last}",
        ),
        "web.footer_empty": (
            "oteo · {now} · no mention received yet",
            "oteo · {now} · aún no se ha recibido ninguna mención",
        ),
        "web.overview.title": ("What is being said", "Qué se está diciendo"),
        "web.overview.incidents": ("Open incidents", "Incidentes abiertos"),
        "web.overview.no_incidents": (
            "No open incidents. All calm.",
            "No hay incidentes abiertos. Todo en calma.",
        ),
        "web.overview.watches": ("Watches (last 7 days)", "Escuchas (últimos 7 días)"),
        "web.settings.watches": ("Watches", "Escuchas"),
        "web.overview.inbox": (
            "{n} mentions waiting for a reply in the inbox",
            "{n} menciones esperan respuesta en la bandeja",
        ),
        "web.severity": ("Severity", "Gravedad"),
        "web.incident": ("Incident", "Incidente"),
        "web.status": ("Status", "Estado"),
        "web.opened": ("Opened", "Abierto"),
        "web.drill": ("DRILL", "SIMULACRO"),
        "web.watch": ("Watch", "Escucha"),
        "web.volume_7d": ("Mentions", "Menciones"),
        "web.negative_share": ("Negative", "Negativas"),
        "web.alerts": ("Alerts", "Alertas"),
        "web.days": ("{n} d", "{n} d"),
        "web.chart.title": (
            "Mentions per hour against the usual",
            "Menciones por hora frente a lo habitual",
        ),
        "web.chart.volume": ("mentions", "menciones"),
        "web.chart.band": ("usual range", "rango habitual"),
        "web.chart.negative": ("people posting negatively", "personas en negativo"),
        "web.chart.usual_negative": ("usual negative", "negativo habitual"),
        "web.chart.alert": ("alert", "alerta"),
        "web.watch.totals": (
            "{volume} mentions, {negative} negative ({share}%).",
            "{volume} menciones, {negative} negativas ({share}%).",
        ),
        "web.watch.anchored": (
            "Nothing in this period up to now: these are the {n} days up to the last mention ({last}).",
            "Nada en este periodo hasta ahora: estos son los {n} días hasta la última mención ({last}).",
        ),
        "web.watch.alerts": ("Alerts", "Alertas"),
        "web.watch.no_alerts": ("No alerts in this period.", "No hay alertas en este periodo."),
        "web.watch.negative": ("Latest negative mentions", "Últimas menciones negativas"),
        "web.origin": ("Origin", "Origen"),
        "web.why": ("Why", "Por qué"),
        "web.harm": ("Potential harm", "Posible daño"),
        "web.speed": ("{n} people an hour are joining.", "Se suman {n} personas por hora."),
        "web.first_post": ("First post", "Primera publicación"),
        "web.followers": ("followers: {n}", "seguidores: {n}"),
        "web.posts": ("posts: {n}", "publicaciones: {n}"),
        "web.key_authors": ("Key authors", "Autores clave"),
        "web.channels": ("Channels", "Canales"),
        "web.timeline": ("Timeline", "Cronología"),
        "web.notifications": ("Notifications", "Avisos"),
        "web.person": ("Person", "Persona"),
        "web.channel": ("Channel", "Canal"),
        "web.subject": ("Subject", "Asunto"),
        "web.mentions": ("Mentions in this incident", "Menciones de este incidente"),
        "web.mentions.theme": ("About «{theme}»", "Sobre «{theme}»"),
        "web.mentions.shown": (
            "{shown} of its {total} posts, by theme, what drives it first",
            "{shown} de sus {total} publicaciones, por tema, lo que lo mueve primero",
        ),
        "web.mentions.other": (
            "Other negative posts of the moment (in none of its themes)",
            "Otras publicaciones negativas del momento (en ninguno de sus temas)",
        ),
        "web.inbox.intro": (
            "Complaints and questions waiting for a reply, most urgent first. Nobody is ignored.",
            "Quejas y preguntas que esperan respuesta, las más urgentes primero. No se ignora a nadie.",
        ),
        "web.inbox.empty": ("Nothing waiting.", "No hay nada pendiente."),
        "web.priority": ("Priority", "Prioridad"),
        "web.reason": ("Type", "Tipo"),
        "web.mention": ("Mention", "Mención"),
        "web.received": ("Published", "Publicada"),
        "web.not_found": ("Not found.", "No encontrado."),
        "web.bad_address": (
            "This address asks for something oteo cannot read (a number, a date?).",
            "Esta dirección pide algo que oteo no sabe leer (¿un número, una fecha?).",
        ),
        "status.detected": ("detected", "detectado"),
        "status.acknowledged": ("acknowledged", "confirmado"),
        "status.triaged": ("triaged", "evaluado"),
        "status.convened": ("team convened", "comité convocado"),
        "status.responding": ("responding", "respondiendo"),
        "status.monitoring": ("monitoring", "en vigilancia"),
        "status.closed": ("closed", "cerrado"),
        "origin.customer": ("customers", "clientes"),
        "origin.influencer": ("an influencer", "un influencer"),
        "origin.troll": ("trolls", "trolls"),
        "origin.bot_cluster": ("a bot cluster", "una red de bots"),
        "origin.competitor": ("a competitor", "la competencia"),
        "origin.insider": ("an insider", "alguien de dentro"),
        "origin.brand": ("the brand's own post", "una publicación de la propia marca"),
        "event.detected": ("Detected", "Detectado"),
        "event.severity_raised": ("Severity raised", "Sube la gravedad"),
        "event.action": ("Automatic action", "Acción automática"),
        "event.notified": ("Notified", "Avisados"),
        "event.calmed": ("Activity back to usual", "La actividad vuelve a lo habitual"),
        "event.active_again": ("Activity again", "La actividad vuelve a subir"),
        "event.began_earlier": (
            "Where it began: the post its people quote, now read",
            "Dónde empezó: la publicación que citan, ya leída",
        ),
        "event.unreachable": ("No contact details", "Sin datos de contacto"),
        "event.acknowledged": ("Acknowledged", "Confirmado"),
        "event.triaged": ("Triaged", "Evaluado"),
        "event.convened": ("Crisis team convened", "Comité de crisis reunido"),
        "event.responding": ("Responding", "Respondiendo"),
        "event.monitoring": ("Monitoring", "En vigilancia"),
        "event.closed": ("Closed", "Cerrado"),
        "event.reopened": (
            "Reopened: a new outbreak during the watch",
            "Reabierto: un rebrote durante la vigilancia",
        ),
        "event.escalation_step": (
            "Nobody acknowledged: the next people were contacted",
            "Nadie lo confirmó: se avisó a los siguientes",
        ),
        "event.unacknowledged": (
            "Nobody acknowledged, the whole chain was contacted",
            "Nadie lo confirmó tras avisar a toda la cadena",
        ),
        "event.notify_failed": ("A notification could not be sent", "Un aviso no se pudo enviar"),
        "event.imported": (
            "Imported from the past: its escalation stops here, nobody is paged today",
            "Importado del pasado: su escalado se detiene aquí, no se avisa a nadie hoy",
        ),
        "event.note": ("Note", "Nota"),
        "event.decision": ("Decision", "Decisión"),
        "event.checklist": ("Protocol step", "Paso del protocolo"),
        "notification.retrying": ("failed, will retry", "fallido, se reintentará"),
        "notification.held": (
            "held (too many messages this hour)",
            "retenido (demasiados avisos en esta hora)",
        ),
        "step.origin_identified": ("Origin and cause identified", "Origen y causa identificados"),
        "step.relevance_judged": ("Relevance judged", "Relevancia valorada"),
        "step.profiles_analysed": ("Profiles analysed", "Perfiles analizados"),
        "step.comments_prioritised": ("Comments prioritised", "Comentarios priorizados"),
        "step.team_convened": ("Crisis team convened", "Comité de crisis reunido"),
        "step.spokespeople_assigned": (
            "Spokespeople per channel assigned",
            "Portavoces por canal asignados",
        ),
        "step.response_decided": (
            "Response and where to publish it decided",
            "Respuesta y dónde publicarla decididas",
        ),
        "step.watch_45_days": ("45-day watch scheduled", "Vigilancia de 45 días programada"),
        "protocol.same_status": (
            "the incident is already {status}.",
            "el incidente ya está {status}.",
        ),
        "protocol.closed": (
            "the incident is closed; a new outbreak reopens it by itself.",
            "el incidente está cerrado; un rebrote lo reabre solo.",
        ),
        "protocol.backwards": (
            "an incident that is {current} cannot go back to {status}.",
            "un incidente {current} no puede volver a {status}.",
        ),
        "protocol.empty_note": ("the note is empty.", "la nota está vacía."),
        # a word oteo does not have (a state, a category...): what it is, and the known ones
        "unknown_value": (
            "'{value}' is not {what} oteo knows (use one of: {known}).",
            "'{value}' no es {what} que oteo conozca (usa uno de estos: {known}).",
        ),
        "what.state": ("a state", "un estado"),
        "what.sensitivity": ("a sensitivity", "una sensibilidad"),
        "what.category": ("a category", "una categoría"),
        "what.origin": ("an origin", "un origen"),
        "what.origin_channel": ("a channel", "un canal"),
        "protocol.assessment_at_triage": (
            "the category, origin and channel are the triage's assessment: give them when "
            "moving the incident to triaged.",
            "la categoría, el origen y el canal son la evaluación del triaje: indícalos al "
            "pasar el incidente a evaluado.",
        ),
        "protocol.unknown_step": (
            "there is no protocol step '{step}' (steps: {known}).",
            "no hay ningún paso del protocolo '{step}' (pasos: {known}).",
        ),
        "protocol.no_incident": ("there is no incident {id}.", "no existe el incidente {id}."),
        "web.checklist": ("Protocol", "Protocolo"),
        "web.stakeholders": ("Stakeholders to inform", "A quién informar"),
        # how a person or stakeholder is reached (config CONTACT_KINDS)
        "contact.email": ("email", "correo"),
        "contact.phone": ("phone", "teléfono"),
        "contact.slack": ("Slack", "Slack"),
        "contact.teams": ("Teams", "Teams"),
        "contact.telegram": ("Telegram", "Telegram"),
        "contact.pagerduty": ("PagerDuty", "PagerDuty"),
        "contact.ntfy": ("ntfy", "ntfy"),
        "contact.webhook": ("webhook", "webhook"),
        # stakeholder groups the example configs use (a group of one's own shows as written)
        "group.shareholders": ("shareholders", "accionistas"),
        "group.clients": ("clients", "clientes"),
        "group.suppliers": ("suppliers", "proveedores"),
        "group.staff": ("staff", "plantilla"),
        "group.authorities": ("authorities", "autoridades"),
        "group.emergency_services": ("emergency services", "servicios de emergencia"),
        "group.press": ("press", "prensa"),
        "group.other": ("other", "otros"),
        # a shift's days by their English alias (``rota.day_key``)
        "days.mon": ("Mon", "lun"),
        "days.tue": ("Tue", "mar"),
        "days.wed": ("Wed", "mié"),
        "days.thu": ("Thu", "jue"),
        "days.fri": ("Fri", "vie"),
        "days.sat": ("Sat", "sáb"),
        "days.sun": ("Sun", "dom"),
        "days.weekdays": ("weekdays", "laborables"),
        "days.weekends": ("weekends", "fines de semana"),
        "days.all": ("every day", "todos los días"),
        "days.holidays": ("holidays", "festivos"),
        # the crisis team's roles (config KNOWN_ROLES)
        "team_role.community_manager": ("community manager", "community manager"),
        "team_role.communications_director": (
            "communications director",
            "dirección de comunicación",
        ),
        "team_role.department_director": ("department director", "dirección de departamento"),
        "team_role.general_manager": ("general manager", "dirección general"),
        "team_role.legal": ("legal", "asesoría jurídica"),
        "team_role.spokesperson": ("spokesperson", "portavoz"),
        "team_role.customer_service": ("customer service", "atención al cliente"),
        "team_role.listener": ("listener", "escucha"),
        "web.emergency": ("Emergency contacts", "Contactos de emergencia"),
        "web.ack.title": ("Acknowledge", "Confirmar"),
        "web.ack.ask": (
            "Acknowledge that you are on it: the escalation stops and the team sees your name.",
            "Confirma que te encargas: la escalada se detiene y el equipo verá tu nombre.",
        ),
        "web.ack.done": (
            "Acknowledged. Thank you: nobody else will be paged for this incident.",
            "Confirmado. Gracias: no se avisará a nadie más por este incidente.",
        ),
        "web.ack.already": (
            "Nothing to do: the incident is already {status}.",
            "Nada que hacer: el incidente ya está {status}.",
        ),
        "web.ack.invalid": (
            "This acknowledge link is not valid.",
            "Este enlace de confirmación no es válido.",
        ),
        "web.ack.expired": (
            "This acknowledge link has expired; open the incident instead.",
            "Este enlace de confirmación ha caducado; abre el incidente.",
        ),
        "notification.pending": ("pending", "pendiente"),
        "notification.sent": ("sent", "enviado"),
        "notification.outbox": (
            "in the outbox (no channel configured)",
            "en la bandeja de salida (sin canal configurado)",
        ),
        "notification.failed": ("failed", "fallido"),
        "notification.past": (
            "kept, not sent (imported from the past)",
            "guardado, no enviado (importado del pasado)",
        ),
        "intent.complaint": ("complaint", "queja"),
        "intent.question": ("question", "pregunta"),
        "intent.praise": ("praise", "elogio"),
        "intent.information": ("information", "información"),
        "intent.other": ("other", "otro"),
    }
)

MESSAGES.update(
    {
        # ------------------------------------------------------------------ command line
        "cli.help": (
            "oteo: listen to what is said about a brand, detect a crisis while it is still smoke, and run the crisis protocol.",
            "oteo: escucha lo que se dice de una marca, detecta la crisis cuando aún es humo y activa el protocolo de crisis.",
        ),
        "cli.bench.help": (
            "Benchmarks (they measure and print).",
            "Pruebas de rendimiento (miden e imprimen).",
        ),
        "cli.bench.pipeline.help": (
            "Replay simulated mentions through the whole pipeline into a fresh store; print mentions/s and peak memory.",
            "Reproduce menciones simuladas por toda la cadena hasta una base nueva; imprime menciones/s y memoria máxima.",
        ),
        "cli.bench.mentions": ("How many mentions.", "Cuántas menciones."),
        "cli.bench.database": (
            "Database URL (default: a temporary SQLite file).",
            "URL de la base de datos (por defecto: un SQLite temporal).",
        ),
        "cli.opt.config": ("The config file.", "El fichero de configuración."),
        "cli.opt.lang": ("Language of the output: es or en.", "Idioma de la salida: es o en."),
        "cli.opt.port": ("Port for the dashboard.", "Puerto del panel."),
        "cli.opt.host": (
            "Address to serve the dashboard on.",
            "Dirección en la que servir el panel.",
        ),
        "cli.db_error": (
            "Cannot open the database {url}: {error}",
            "No se puede abrir la base de datos {url}: {error}",
        ),
        "cli.init.help": (
            "Write a commented example config to edit.",
            "Escribe una configuración de ejemplo comentada para editar.",
        ),
        "cli.init.path": ("Where to write it.", "Dónde escribirla."),
        "cli.init.brand": ("The brand's name.", "El nombre de la marca."),
        "cli.init.force": ("Overwrite an existing file.", "Sobrescribir un fichero existente."),
        "cli.init.exists": (
            "{path} already exists; use --force to overwrite it.",
            "{path} ya existe; usa --force para sobrescribirlo.",
        ),
        "cli.init.done": (
            "Written {path}. Edit it, then check it with: oteo status -c {path}",
            "Escrito {path}. Edítalo y compruébalo con: oteo status -c {path}",
        ),
        "cli.demo.help": (
            "Replay a simulated brand crisis through the whole pipeline and show it in the dashboard.",
            "Reproduce una crisis simulada de una marca por toda la cadena y la muestra en el panel.",
        ),
        "cli.demo.no_serve": (
            "Exit after the replay instead of serving the dashboard.",
            "Terminar tras la reproducción en vez de servir el panel.",
        ),
        "cli.demo.days": ("Days of conversation to simulate.", "Días de conversación a simular."),
        "cli.demo.seed": (
            "Seed of the simulation (same seed, same story).",
            "Semilla de la simulación (misma semilla, misma historia).",
        ),
        "cli.demo.speed": (
            "Replay speed (60 = an hour per minute); default as fast as possible.",
            "Velocidad (60 = una hora por minuto); por defecto, lo más rápido posible.",
        ),
        "cli.demo.workspace": (
            "Folder for the demo's files (default: a new temporary folder).",
            "Carpeta para los ficheros de la demo (por defecto, una temporal nueva).",
        ),
        "cli.serving": ("Dashboard: {url}", "Panel: {url}"),
        "cli.stop_hint": ("Press Ctrl+C to stop.", "Pulsa Ctrl+C para parar."),
        "cli.serve.help": (
            "Serve the dashboard over the configured database.",
            "Sirve el panel sobre la base de datos configurada.",
        ),
        "cli.run.help": (
            "Listen live with the configured sources and serve the dashboard.",
            "Escucha en directo con las fuentes configuradas y sirve el panel.",
        ),
        "cli.run.no_web": ("Do not serve the dashboard.", "No servir el panel."),
        "cli.run.stopped": (
            "Stopped after {n} mentions ({new} new).",
            "Parado tras {n} menciones ({new} nuevas).",
        ),
        "cli.listening": ("Listening to {n} sources.", "Escuchando {n} fuentes."),
        "cli.import.help": (
            "Import mentions from a JSON Lines, CSV or TSV file; rejected rows are reported one by one.",
            "Importa menciones de un fichero JSON Lines, CSV o TSV; las filas rechazadas se indican una a una.",
        ),
        "cli.import.file": ("The file to import.", "El fichero a importar."),
        "cli.import.source": (
            "Source name for rows that do not say (default: import).",
            "Nombre de fuente para las filas que no lo indican (por defecto: import).",
        ),
        "cli.status.help": (
            "Check the config and show what oteo holds and who is listening now.",
            "Comprueba la configuración y muestra lo que guarda oteo y quién escucha ahora.",
        ),
        "cli.status.config_ok": (
            "{path} is valid. Watches: {watches} · people in the team: {people}.",
            "{path} es válido. Escuchas: {watches} · personas en el equipo: {people}.",
        ),
        "cli.status.counts": (
            "Mentions: {mentions} · authors: {authors} · incidents: {incidents} · in the inbox: {inbox}.",
            "Menciones: {mentions} · autores: {authors} · incidentes: {incidents} · en la bandeja: {inbox}.",
        ),
        "cli.status.last": ("Last mention received: {at}", "Última mención recibida: {at}"),
        "cli.status.last24": ("Last 24 h", "Últimas 24 h"),
        "cli.status.open_incidents": ("Open incidents: {n}", "Incidentes abiertos: {n}"),
        "cli.status.on_duty": ("Listening now: {people}", "Escuchando ahora: {people}"),
        "cli.status.notifications": ("Notifications: ", "Avisos: "),
        "cli.status.nobody": ("nobody", "nadie"),
        "cli.notified": (
            "{person} via {channel} ({target}), #{incident} {level}: {status}",
            "{person} por {channel} ({target}), #{incident} {level}: {status}",
        ),
        "cli.calmed": (
            "Incident #{id} ({watch}): activity back to usual at {at}",
            "Incidente #{id} ({watch}): la actividad vuelve a lo habitual a las {at}",
        ),
        "cli.incident_opened": (
            "incident #{id} opened: {title}",
            "incidente #{id} abierto: {title}",
        ),
        "cli.incident_raised": (
            "incident #{id} raised: {title}",
            "incidente #{id} sube de nivel: {title}",
        ),
        "cli.incident_reopened": (
            "incident #{id} reopened: {title}",
            "incidente #{id} reabierto: {title}",
        ),
        "cli.incident_again": (
            "incident #{id} active again, still at {level}: {title}",
            "incidente #{id} activo de nuevo, sigue en {level}: {title}",
        ),
        "demo.intro": (
            "Replaying {days} days of conversation about {brand} (workspace: {workspace})",
            "Reproduciendo {days} días de conversación sobre {brand} (carpeta: {workspace})",
        ),
        "demo.replaying": ("Replaying", "Reproduciendo"),
        "demo.count": ("{n} mentions", "{n} menciones"),
        "demo.stats": (
            "{n} mentions replayed ({matched} about the brand) in {seconds} s: {rate} mentions/s.",
            "{n} menciones reproducidas ({matched} sobre la marca) en {seconds} s: {rate} menciones/s.",
        ),
        "demo.no_incidents": ("No incident was opened.", "No se abrió ningún incidente."),
        "demo.incident": (
            "Incident #{id} [{level}] opened {at}: {title}",
            "Incidente #{id} [{level}] abierto el {at}: {title}",
        ),
        "demo.delay": (
            "Detected {h} h {m} min after it started (on a {channel}, found late by nature).",
            "Detectado {h} h {m} min después de empezar (en un {channel}, que por naturaleza se descubre tarde).",
        ),
        "demo.notified": ("{n} notifications: {people}.", "{n} avisos: {people}."),
        "demo.isolated_ok": (
            "The isolated complaint from @{handle} ({at}) is in the inbox ({n} posts) and was not escalated.",
            "La queja aislada de @{handle} ({at}) está en la bandeja ({n} publicaciones) y no se escaló.",
        ),
        "demo.isolated_bad": (
            "The isolated complaint from @{handle} ({at}) was escalated or is missing from the inbox ({n} posts there).",
            "La queja aislada de @{handle} ({at}) se escaló o no está en la bandeja ({n} publicaciones allí).",
        ),
        "demo.inbox": (
            "{n} complaints and questions wait in the inbox for a reply.",
            "{n} quejas y preguntas esperan respuesta en la bandeja.",
        ),
        "source.unknown_type": (
            "Unknown source type '{type}'.",
            "Tipo de fuente desconocido '{type}'.",
        ),
        "source.unknown_type.fix": ("use one of: {known}.", "usa uno de: {known}."),
        "source.missing_setting": (
            "The {type} source needs '{setting}'.",
            "La fuente {type} necesita '{setting}'.",
        ),
        "source.missing_setting.fix": (
            "add {setting}: to that source in the config.",
            "añade {setting}: a esa fuente en la configuración.",
        ),
        "source.none": (
            "No sources are configured, so there is nothing to listen to.",
            "No hay fuentes configuradas, así que no hay nada que escuchar.",
        ),
        "source.none.fix": (
            "add sources to the config (see its comments), or use 'oteo import FILE'.",
            "añade fuentes a la configuración (mira sus comentarios), o usa 'oteo import FICHERO'.",
        ),
    }
)

MESSAGES.update(
    {
        "channel.twitter": ("X/Twitter", "X/Twitter"),
        "channel.mastodon": ("Mastodon", "Mastodon"),
        "channel.bluesky": ("Bluesky", "Bluesky"),
        "channel.facebook": ("Facebook", "Facebook"),
        "channel.instagram": ("Instagram", "Instagram"),
        "channel.youtube": ("YouTube", "YouTube"),
        "channel.reddit": ("Reddit", "Reddit"),
        "channel.hackernews": ("Hacker News", "Hacker News"),
        "channel.forum": ("forum", "foro"),
        "channel.blog": ("blog", "blog"),
        "channel.news": ("news site", "medio de noticias"),
        "channel.review": ("review site", "web de reseñas"),
        "channel.other": ("other site", "otro sitio"),
    }
)

MESSAGES.update(
    {
        # ------------------------------------------------------------------ simulator
        "cli.sim.help": (
            "The crisis simulator: scenarios, streams, ground truth.",
            "El simulador de crisis: escenarios, flujos, verdad de referencia.",
        ),
        "cli.sim.list.help": ("List the scenarios.", "Lista los escenarios."),
        "cli.sim.export.help": (
            "Write a simulated stream as JSON Lines (the format oteo import reads) and its ground truth as JSON.",
            "Escribe un flujo simulado en JSON Lines (el formato que lee oteo import) y su verdad de referencia en JSON.",
        ),
        "cli.sim.scenarios": (
            "Scenario names (see oteo sim list), or none for ordinary conversation only.",
            "Nombres de escenario (ver oteo sim list), o none para solo conversación normal.",
        ),
        "cli.sim.out": ("Where to write the stream.", "Dónde escribir el flujo."),
        "cli.sim.truth": (
            "Where to write the ground truth (default: next to the stream).",
            "Dónde escribir la verdad de referencia (por defecto, junto al flujo).",
        ),
        "cli.sim.volume": ("Ordinary mentions a day.", "Menciones normales al día."),
        "cli.sim.start": (
            "When the stream starts (ISO 8601, UTC unless it names a zone; default "
            "2026-11-02 00:00 Madrid).",
            "Cuándo empieza el flujo (ISO 8601, en UTC si no indica zona; por defecto "
            "2026-11-02 00:00 Madrid).",
        ),
        "cli.sim.bad_start": (
            "'{value}' is not a date and time (write it like 2026-11-02T00:00+01:00).",
            "'{value}' no es una fecha y hora (escríbela como 2026-11-02T00:00+01:00).",
        ),
        "cli.sim.unknown": (
            "Unknown scenario '{name}'; see oteo sim list.",
            "Escenario desconocido '{name}'; mira oteo sim list.",
        ),
        "cli.sim.written": (
            "{n} mentions written to {out} in {seconds} s; ground truth in {truth}.",
            "{n} menciones escritas en {out} en {seconds} s; verdad de referencia en {truth}.",
        ),
        "cli.sim.scenario": ("Scenario", "Escenario"),
        "cli.sim.crisis": ("Crisis", "Crisis"),
        "cli.sim.category": ("Category", "Categoría"),
        "cli.sim.expected": ("Deserves", "Merece"),
        "cli.sim.what": ("What happens", "Qué pasa"),
        "cli.bench.sim.help": (
            "Measure how fast the simulator generates (arrays, mentions, records).",
            "Mide lo rápido que genera el simulador (arrays, menciones, registros).",
        ),
        "cli.yes": ("yes", "sí"),
        "cli.no": ("no", "no"),
        "scenario.food_poisoning": (
            "Several customers fall ill after eating; starts on a forum, an influencer and the press spread it.",
            "Varios clientes enferman tras comer; empieza en un foro y lo difunden un influencer y la prensa.",
        ),
        "scenario.re_outbreak": (
            "The same harm comes back weeks after the first crisis.",
            "El mismo daño vuelve semanas después de la primera crisis.",
        ),
        "scenario.service_outage": (
            "The app and payments go down; hundreds complain within the hour.",
            "Se caen la app y los pagos; cientos se quejan en una hora.",
        ),
        "scenario.wrong_post": (
            "The brand's own account publishes an offensive post (or one meant for a personal account).",
            "La cuenta de la marca publica un mensaje ofensivo (o uno que era de una cuenta personal).",
        ),
        "scenario.hacked_account": (
            "The brand's account is hacked and posts a scam; users raise the alarm.",
            "Hackean la cuenta de la marca y publica una estafa; los usuarios dan la alarma.",
        ),
        "scenario.competitor_rumour": (
            "A competitor and a few trolls spread a false rumour; some customers repeat it.",
            "Un competidor y algunos trolls difunden un bulo; algunos clientes lo repiten.",
        ),
        "scenario.ex_employee_leak": (
            "An ex-employee tells bad practices on a forum; a journalist picks it up.",
            "Un ex empleado cuenta malas prácticas en un foro; lo recoge un periodista.",
        ),
        "scenario.troll_attack": (
            "Trolls insult the brand with no real customers behind them.",
            "Trolls insultan a la marca sin clientes reales detrás.",
        ),
        "scenario.contest_gone_wrong": (
            "A giveaway goes wrong: no winner, or a suspicious one.",
            "Un sorteo sale mal: sin ganador, o uno sospechoso.",
        ),
        "scenario.influencer_complaint": (
            "An influencer's complaint goes viral.",
            "La queja de un influencer se hace viral.",
        ),
        "scenario.blog_expose": (
            "A blog where the brand has no presence publishes an exposé; social networks find it hours later.",
            "Un blog donde la marca no está publica una denuncia; las redes la descubren horas después.",
        ),
        "scenario.angry_customer": (
            "One angry customer posts a few times: deserves a reply, not an escalation.",
            "Un cliente enfadado publica varias veces: merece respuesta, no escalado.",
        ),
        "scenario.busy_day": (
            "A normal but very busy day.",
            "Un día normal pero con mucho movimiento.",
        ),
        "scenario.campaign_spike": (
            "A marketing campaign: a spike of positive mentions.",
            "Una campaña de marketing: un pico de menciones positivas.",
        ),
        "scenario.bot_flood": (
            "A bot cluster floods near-identical posts, with no humans behind it.",
            "Una red de bots inunda con mensajes casi idénticos, sin personas detrás.",
        ),
        "scenario.demo": (
            "The demo's week: an angry customer, then a food-poisoning crisis.",
            "La semana de la demo: un cliente enfadado y después una crisis por intoxicación.",
        ),
        "scenario.re_outbreak_preset": (
            "28 days: a food-poisoning crisis and its re-outbreak three weeks later.",
            "28 días: una crisis por intoxicación y su rebrote tres semanas después.",
        ),
    }
)

MESSAGES.update(
    {
        # ------------------------------------------------------------------ authors
        "author.age": ("account {days} days old", "cuenta de {days} días"),
        "author.ratio": (
            "follows {following}, followed by {followers}",
            "sigue a {following}, le siguen {followers}",
        ),
        "author.no_avatar": ("no avatar", "sin foto de perfil"),
        "author.no_bio": ("no bio", "sin biografía"),
        "author.handle": (
            "handle looks generated (@{handle})",
            "nombre de usuario con aspecto generado (@{handle})",
        ),
        "author.prolific": ("{posts} posts", "{posts} publicaciones"),
        "author.liked": ("{n} posts liked", "{n} me gusta dados"),
        "author.insulting": ("{share}% insulting posts", "{share}% de publicaciones insultantes"),
        "author.insult": ("an insulting post here", "una publicación insultante aquí"),
        "author.insults": ("{n} insulting posts here", "{n} publicaciones insultantes aquí"),
        "author.burst": ("{n} posts an hour here", "{n} publicaciones por hora aquí"),
        "tier.none": ("no reach", "sin alcance"),
        "tier.nano": ("nano (100+ followers)", "nano (100+ seguidores)"),
        "tier.micro": ("micro (1k+)", "micro (1k+)"),
        "tier.mid": ("mid (10k+)", "medio (10k+)"),
        "tier.macro": ("macro (100k+)", "macro (100k+)"),
        "tier.mega": ("mega (1M+)", "mega (1M+)"),
    }
)
MESSAGES.update(
    {
        "author.rate": ("about {n} posts a day", "unas {n} publicaciones al día"),
        "author.links": ("{share}% of posts carry links", "{share}% de publicaciones con enlaces"),
        "author.broadcast": ("posts without talking to anyone", "publica sin conversar con nadie"),
    }
)
MESSAGES.update({"author.declares_bot": ("says it is a bot", "dice ser un bot")})
MESSAGES.update(
    {
        "cli.train.help": (
            "Rebuild the shipped models from the public data (see docs/models).",
            "Reconstruye los modelos incluidos a partir de los datos públicos (ver docs/models).",
        ),
        "cli.train.data": (
            "Folder with the public data (sentiment/, offensive/, accounts/).",
            "Carpeta con los datos públicos (sentiment/, offensive/, accounts/).",
        ),
        "cli.train.model": (
            "Only this model (repeatable): sentiment_es, sentiment_en, sentiment_multi, offensive_es, offensive_en, hate_en, authors, encoder_tokens, word_frequencies.",
            "Solo este modelo (repetible): sentiment_es, sentiment_en, sentiment_multi, offensive_es, offensive_en, hate_en, authors, encoder_tokens, word_frequencies.",
        ),
        "cli.train.unknown_model": (
            "There is no model '{name}' (models: {known}).",
            "No hay ningún modelo '{name}' (modelos: {known}).",
        ),
        "cli.train.cards": (
            "Where to write the model cards.",
            "Dónde escribir las fichas de los modelos.",
        ),
        "cli.cannot_write": (
            "Cannot write {path}: {error}.",
            "No se puede escribir {path}: {error}.",
        ),
        "cli.sim.no_brand": (
            "--brand needs a name.",
            "--brand necesita un nombre.",
        ),
        "cli.sim.too_big": (
            "{n} ordinary mentions (volume × days) are more than one export simulates "
            "({most}): fewer days or a lower --volume.",
            "{n} menciones ordinarias (volumen × días) son más de las que simula una "
            "exportación ({most}): menos días o un --volume menor.",
        ),
        "cli.data.missing": (
            "{path} has no {folder}/ folder: give --data the folder of the public data "
            "(../shared/data, see its README).",
            "{path} no tiene carpeta {folder}/: indica con --data la carpeta de los datos "
            "públicos (../shared/data, ver su README).",
        ),
        "cli.train.card": ("Model card written: {path}", "Ficha del modelo escrita: {path}"),
    }
)
MESSAGES.update(
    {
        "cli.analyze.help": (
            "Analyse the posts of a file (.txt, .csv, .tsv, .jsonl): one JSON line per post, in order.",
            "Analiza las publicaciones de un fichero (.txt, .csv, .tsv, .jsonl): una línea JSON por publicación, en orden.",
        ),
        "cli.analyze.file": ("The file of posts.", "El fichero de publicaciones."),
        "cli.analyze.out": (
            "Where to write the results (default: standard output).",
            "Dónde escribir los resultados (por defecto, la salida estándar).",
        ),
        "cli.analyze.progress": (
            "{n} posts analysed ({rate} a second)…",
            "{n} publicaciones analizadas ({rate} por segundo)…",
        ),
        "cli.analyze.done": (
            "{n} posts analysed into {out} ({rate} a second).",
            "{n} publicaciones analizadas en {out} ({rate} por segundo).",
        ),
    }
)
MESSAGES.update(
    {
        "cli.train.cache": (
            "A file to keep sentence embeddings in between runs (faster retraining).",
            "Un fichero donde guardar las representaciones de frases entre ejecuciones (reentrenar más rápido).",
        )
    }
)
MESSAGES.update(
    {
        "cli.bench.understand.help": (
            "Measure the understanding step in posts a second.",
            "Mide el paso de comprensión en publicaciones por segundo.",
        ),
        "cli.bench.langid.help": (
            "Measure language identification (accuracy and speed) on public tweets.",
            "Mide la identificación del idioma (acierto y velocidad) con tuits públicos.",
        ),
        "cli.bench.posts": ("How many distinct posts.", "Cuántas publicaciones distintas."),
    }
)
MESSAGES.update(
    {
        "cli.bench.mode": (
            "Understanding mode: full, or fast (no sentence embeddings).",
            "Modo de comprensión: full, o fast (sin representaciones de frases).",
        ),
        "cli.bench.workers": (
            "Worker processes (0: one per core).",
            "Procesos de trabajo (0: uno por núcleo).",
        ),
    }
)
MESSAGES.update(
    {
        "cli.detect_series.help": (
            "Find anomalies in a volume series (CSV with columns timestamp,value, the NAB "
            "format): writes timestamp,value,anomaly_score,alert, alert 1 where oteo would "
            "raise an alert. Causal: each row uses only the rows before it.",
            "Busca anomalías en una serie de volumen (CSV con columnas timestamp,value, el "
            "formato de NAB): escribe timestamp,value,anomaly_score,alert, con alert 1 donde "
            "oteo daría una alerta. Causal: cada fila usa solo las anteriores.",
        ),
        "cli.detect_series.file": (
            "The series (CSV: timestamp,value).",
            "La serie (CSV: timestamp,value).",
        ),
        "cli.detect_series.out": (
            "Where to write the result (default: standard output).",
            "Dónde escribir el resultado (por defecto, la salida estándar).",
        ),
        "cli.detect_series.sensitivity": (
            "low, normal or high.",
            "low (baja), normal o high (alta).",
        ),
        "cli.detect_series.done": (
            "{rows} rows, {alerts} alerts, written to {out}.",
            "{rows} filas, {alerts} alertas, escritas en {out}.",
        ),
        "series.empty": ("The file is empty.", "El fichero está vacío."),
        "series.header": (
            "The first line must name the columns timestamp,value (found: {found}).",
            "La primera línea debe nombrar las columnas timestamp,value (encontrado: {found}).",
        ),
        "series.columns": (
            "missing the timestamp or the value column",
            "falta la columna timestamp o la columna value",
        ),
        "series.timestamp": (
            "not a timestamp: {text} (use ISO 8601, e.g. 2026-11-21 14:05:00, or Unix seconds)",
            "no es una fecha: {text} (usa ISO 8601, p. ej. 2026-11-21 14:05:00, o segundos Unix)",
        ),
        "series.value": ("not a finite number: {text}", "no es un número finito: {text}"),
        "series.range": (
            "out of range: {text} (values must lie within ±1e100)",
            "fuera de rango: {text} (los valores deben estar entre -1e100 y 1e100)",
        ),
        "series.order": (
            "{text} is earlier than the row before it ({before}): the rows must be in time "
            "order, oldest first (sort the file by timestamp)",
            "{text} es anterior a la fila de antes ({before}): las filas deben ir en orden "
            "de tiempo, de la más antigua a la más reciente (ordena el fichero por timestamp)",
        ),
        "series.unreadable": (
            "not readable as CSV ({error}); the lines after it are not read",
            "no se puede leer como CSV ({error}); no se leen las líneas siguientes",
        ),
        "series.not_csv": (
            "The first line is not readable as CSV ({error}).",
            "La primera línea no se puede leer como CSV ({error}).",
        ),
        "series.more_rejected": ("… and {n} more lines.", "… y {n} líneas más."),
        "series.kept": (
            "line {line}: written with score 0, neither scored nor learned from: {reason}",
            "línea {line}: escrita con puntuación 0, sin puntuar ni aprender de ella: {reason}",
        ),
        "series.rejected": (
            "line {line}: skipped: {reason}",
            "línea {line}: omitida: {reason}",
        ),
        "cli.bench.offence.help": (
            "Measure the offence flag on posts to brands labelled by hand (attack or "
            "criticism) and on the public validation sets.",
            "Mide la marca de ofensa con publicaciones a marcas etiquetadas a mano (ataque o "
            "crítica) y con los conjuntos públicos de validación.",
        ),
        "cli.bench.airlines.help": (
            "Import a week of real tweets to four US airlines (February 2015) and list the "
            "alerts each watch raises at each sensitivity.",
            "Importa una semana de tuits reales a cuatro aerolíneas de EE. UU. (febrero de "
            "2015) y lista las alertas de cada escucha con cada sensibilidad.",
        ),
        "cli.bench.nab.help": (
            "Score oteo detect-series on the Numenta Anomaly Benchmark corpora (our scorer, "
            "from the published rules).",
            "Puntúa oteo detect-series con los corpus del Numenta Anomaly Benchmark (nuestro "
            "evaluador, según las reglas publicadas).",
        ),
    }
)
MESSAGES.update(
    {
        "cli.bench.detection.help": (
            "Measure detection on the simulator's scenarios: crises found, delay, false "
            "alerts per brand-month, non-crises escalated.",
            "Mide la detección con los escenarios del simulador: crisis encontradas, "
            "retraso, falsas alertas por marca y mes, no-crisis escaladas.",
        ),
        "cli.bench.seeds": ("Seeds per scenario and language.", "Semillas por escenario e idioma."),
        "cli.bench.quiet_days": (
            "Days of each crisis-free stream.",
            "Días de cada flujo sin crisis.",
        ),
    }
)
MESSAGES.update(
    {
        "cli.backtest.help": (
            "Replay a watch's stored history with the current settings and report the "
            "alerts it would have raised, and when. Writes nothing.",
            "Reproduce la historia guardada de una escucha con los ajustes actuales e "
            "informa de las alertas que habría dado y cuándo. No escribe nada.",
        ),
        "cli.backtest.watch": ("The watch's name.", "El nombre de la escucha."),
        "cli.oncall.help": (
            "Who is on duty now (or --at a time), who each level pages in turn, and the gaps in the rota.",
            "Quién está de guardia ahora (o --at una hora), a quién avisa cada nivel por turnos y los huecos del turno.",
        ),
        "cli.oncall.at": (
            "At this time (ISO 8601, the config's time zone if none).",
            "A esta hora (ISO 8601; la zona horaria de la configuración si no se da).",
        ),
        "cli.oncall.days": ("Look for gaps this many days ahead.", "Buscar huecos en estos días."),
        "cli.oncall.now": ("On duty {at}: {people}", "De guardia {at}: {people}"),
        "cli.oncall.no_contact": (
            "{name} has no contact oteo can send to (only a phone, or nothing).",
            "{name} no tiene ningún contacto al que oteo pueda enviar (solo un teléfono, o nada).",
        ),
        "cli.oncall.gap": (
            "Nobody on duty from {start} to {end}.",
            "Nadie de guardia desde {start} hasta {end}.",
        ),
        "cli.incident.help": (
            "Follow the crisis protocol: list, show, acknowledge, move, note, check steps.",
            "Seguir el protocolo de crisis: listar, ver, confirmar, avanzar, anotar, marcar pasos.",
        ),
        "cli.incident.list.help": (
            "Open incidents (--all: every one).",
            "Incidentes abiertos (--all: todos).",
        ),
        "cli.incident.all": ("Closed ones too.", "También los cerrados."),
        "cli.incident.level": ("Level", "Nivel"),
        "cli.incident.title": ("Title", "Título"),
        "cli.incident.show.help": (
            "An incident's checklist and timeline.",
            "La lista de pasos y la cronología de un incidente.",
        ),
        "cli.incident.id": ("The incident's number.", "El número del incidente."),
        "cli.incident.by": (
            "Who does it (a team member's id from the config).",
            "Quién lo hace (el id de una persona del equipo en la configuración).",
        ),
        "cli.incident.unknown_person": (
            "'{who}' is not in the team (team: {known}).",
            "'{who}' no está en el equipo (equipo: {known}).",
        ),
        "cli.incident.ack.help": (
            "Acknowledge an incident: the escalation stops.",
            "Confirmar un incidente: la escalada se detiene.",
        ),
        "cli.incident.acked": ("Incident #{id} acknowledged.", "Incidente #{id} confirmado."),
        "cli.incident.not_acked": (
            "Incident #{id} was already acknowledged.",
            "El incidente #{id} ya estaba confirmado.",
        ),
        "cli.incident.move.help": (
            "Move an incident along its lifecycle: acknowledged, triaged, convened, responding, monitoring, closed.",
            "Avanzar un incidente en su ciclo: acknowledged, triaged, convened, responding, monitoring, closed.",
        ),
        "cli.incident.status": ("The new status.", "El nuevo estado."),
        "cli.incident.note_opt": ("A note for the timeline.", "Una nota para la cronología."),
        "cli.incident.origin": (
            "Triage: the origin (customer, influencer, troll, bot_cluster, competitor, insider).",
            "Evaluación: el origen (customer, influencer, troll, bot_cluster, competitor, insider).",
        ),
        "cli.incident.category": (
            "Triage: the category (light, strong, crisis…).",
            "Evaluación: la categoría (light, strong, crisis…).",
        ),
        "cli.incident.channel": (
            "Triage: the channel where it started.",
            "Evaluación: el canal donde empezó.",
        ),
        "cli.incident.moved": (
            "Incident #{id} is now {status}.",
            "El incidente #{id} está ahora {status}.",
        ),
        "cli.incident.note.help": (
            "Write a note or a decision in the timeline.",
            "Escribir una nota o una decisión en la cronología.",
        ),
        "cli.incident.text": ("What to write.", "Qué escribir."),
        "cli.incident.decision": ("It is a decision.", "Es una decisión."),
        "cli.incident.noted": ("Written in incident #{id}.", "Escrito en el incidente #{id}."),
        "cli.incident.check.help": (
            "Tick a protocol step: origin_identified, relevance_judged, profiles_analysed, comments_prioritised, team_convened, spokespeople_assigned, response_decided, watch_45_days.",
            "Marcar un paso del protocolo: origin_identified, relevance_judged, profiles_analysed, comments_prioritised, team_convened, spokespeople_assigned, response_decided, watch_45_days.",
        ),
        "cli.incident.step": ("The step.", "El paso."),
        "cli.incident.undo": ("Untick it.", "Desmarcarlo."),
        "cli.incident.checked": ("Incident #{id}: {step}.", "Incidente #{id}: {step}."),
        "cli.backtest.since": (
            "From this date (ISO 8601, the config's time zone if none).",
            "Desde esta fecha (ISO 8601; la zona horaria de la configuración si no se da).",
        ),
        "cli.backtest.until": (
            "Up to this date (not included).",
            "Hasta esta fecha (no incluida).",
        ),
        "cli.backtest.no_watch": (
            "There is no watch named {watch}. Watches: {names}.",
            "No hay ninguna escucha llamada {watch}. Escuchas: {names}.",
        ),
        "cli.backtest.bad_date": (
            "Not a date: {text}. Use ISO 8601, e.g. 2026-11-01 or 2026-11-01T08:00.",
            "No es una fecha: {text}. Usa ISO 8601, p. ej. 2026-11-01 o 2026-11-01T08:00.",
        ),
        "cli.backtest.order": (
            "--since ({since}) must come before --until ({until}).",
            "--since ({since}) debe ser anterior a --until ({until}).",
        ),
        "cli.backtest.empty": (
            "The watch {watch} has no stored mentions in that span.",
            "La escucha {watch} no tiene menciones guardadas en ese intervalo.",
        ),
        "cli.backtest.score": ("score {score}", "puntuación {score}"),
        "cli.backtest.summary": (
            "{watch}: {mentions} mentions from {first} to {last}. With sensitivity "
            "{sensitivity}: {alerts} alerts (it raised {stored} when they arrived).",
            "{watch}: {mentions} menciones de {first} a {last}. Con sensibilidad "
            "{sensitivity}: {alerts} alertas (dio {stored} cuando llegaron).",
        ),
    }
)

MESSAGES.update(
    {
        # ------------------------------------------------------------------ response desk config
        "config.account_credentials": (
            "The account {name} has no {needed}.",
            "La cuenta {name} no tiene {needed}.",
        ),
        "config.account_credentials.fix": (
            "add {needed}: ${{ENV_NAME}} to read it from the environment.",
            "añade {needed}: ${{NOMBRE_VARIABLE}} para leerlo del entorno.",
        ),
        "config.template_variable": (
            "The template uses variables nobody fills: {names}.",
            "La plantilla usa variables que nadie rellena: {names}.",
        ),
        "config.template_variable.fix": (
            "use only {known} (write $$ for a dollar sign).",
            "usa solo {known} (escribe $$ para el signo del dólar).",
        ),
    }
)

MESSAGES.update(
    {
        # ------------------------------------------------------------------ response desk
        "respond.bad_action": (
            "'{action}' is not an inbox action; use one of: {known}.",
            "'{action}' no es una acción de la bandeja; usa una de: {known}.",
        ),
        "respond.assign_to": (
            "Say who the items go to (--to).",
            "Di a quién se asignan (--to).",
        ),
        "respond.no_item": (
            "There is no inbox item #{id}.",
            "No hay ningún elemento #{id} en la bandeja.",
        ),
        "respond.no_mention": ("There is no mention #{id}.", "No hay ninguna mención #{id}."),
        "respond.no_response": ("There is no response #{id}.", "No hay ninguna respuesta #{id}."),
        "respond.text_or_template": (
            "Give either a text or a template, not both.",
            "Da un texto o una plantilla, no las dos cosas.",
        ),
        "respond.reply_needs_item": (
            "A reply answers an inbox item: say which.",
            "Una respuesta contesta a un elemento de la bandeja: di cuál.",
        ),
        "respond.bad_kind": (
            "'{kind}' is not a kind of response (reply or post).",
            "'{kind}' no es un tipo de respuesta (reply o post).",
        ),
        "respond.no_template": (
            "There is no template '{id}' in '{lang}'. Templates: {known}.",
            "No hay ninguna plantilla '{id}' en '{lang}'. Plantillas: {known}.",
        ),
        "respond.template_missing": (
            "The template '{id}' needs values for: {names} (--var name=value).",
            "La plantilla '{id}' necesita valores para: {names} (--var nombre=valor).",
        ),
        "respond.empty": ("The text is empty.", "El texto está vacío."),
        "respond.at_past": (
            "That time has passed ({at}): give when to publish from now on, or no --at to "
            "publish once approved.",
            "Esa hora ya pasó ({at}): indica cuándo publicar a partir de ahora, o ningún --at "
            "para publicar al aprobarla.",
        ),
        "respond.no_account": (
            "There is no account '{name}' under respond.accounts (known: {known}).",
            "No hay ninguna cuenta '{name}' en respond.accounts (conocidas: {known}).",
        ),
        "respond.account_network": (
            "The account {name} is on {network} but the post is on {channel}: answer where it "
            "was said (S17).",
            "La cuenta {name} está en {network} pero la publicación está en {channel}: "
            "responde donde se dijo (S17).",
        ),
        "respond.blocked": (
            "Response #{id} cannot be approved as it is ({risks}): edit the text first.",
            "La respuesta #{id} no se puede aprobar así ({risks}): edita antes el texto.",
        ),
        "respond.not_pending": (
            "Response #{id} is {state}: there is nothing to do with it now.",
            "La respuesta #{id} está en estado {state}: ahora no hay nada que hacer con ella.",
        ),
        "respond.not_approver": (
            "'{who}' may not approve (see respond.approvers in the config).",
            "'{who}' no puede aprobar (mira respond.approvers en la configuración).",
        ),
        "respond.own_text": (
            "Nobody approves their own text: a second pair of eyes is the point.",
            "Nadie aprueba su propio texto: la gracia es un segundo par de ojos.",
        ),
        "respond.approved_twice": (
            "'{who}' has already approved it; it needs someone else.",
            "'{who}' ya lo aprobó; hace falta otra persona.",
        ),
        "respond.accept_risk": (
            'The automatic check found: {risks}. Approve with --accept-risk "why" to go ahead.',
            'La revisión automática encontró: {risks}. Aprueba con --accept-risk "por qué" '
            "para seguir adelante.",
        ),
        "respond.changed_meanwhile": (
            "Response #{id} changed meanwhile; look at it again.",
            "La respuesta #{id} cambió entretanto; vuelve a mirarla.",
        ),
        "respond.not_manual": (
            "Response #{id} is {state}, not waiting to be published by hand.",
            "La respuesta #{id} está en estado {state}, no esperando a publicarse a mano.",
        ),
        "respond.bad_moderation": (
            "'{action}' is not a moderation action; use one of: {known}.",
            "'{action}' no es una acción de moderación; usa una de: {known}.",
        ),
        "respond.own_post": (
            "This is the brand's own post: it is never deleted or hidden; answer and correct it "
            "instead (S10).",
            "Es una publicación de la propia marca: nunca se borra ni se oculta; respóndela y "
            "corrígela (S10).",
        ),
        "respond.not_offensive": (
            "This post is not an insult, a threat or spam: criticism is never censored (S10). "
            "Only with --override and a reason of at least {n} characters, which is audited.",
            "Esta publicación no es un insulto, una amenaza ni spam: la crítica nunca se censura "
            "(S10). Solo con --override y un motivo de al menos {n} caracteres, que queda "
            "auditado.",
        ),
        "respond.model_only": (
            "Only the model reads this post as an attack: there is no insult, slur or threat "
            "in its words, and on posts to brands such flags are mostly harsh criticism, which "
            "is never censored (S10). Read it; only with --override and a reason of at least "
            "{n} characters, which is audited.",
            "Solo el modelo lee esta publicación como un ataque: sus palabras no contienen "
            "ningún insulto, amenaza ni expresión de odio, y en publicaciones dirigidas a marcas "
            "lo que solo señala el modelo suele ser crítica dura, que nunca se censura (S10). "
            "Léela; solo con --override y un motivo de al menos {n} caracteres, que queda "
            "auditado.",
        ),
        "respond.influential": (
            "The author is influential: block only trolls who are not (S19). Only with "
            "--override and a reason of at least {n} characters, which is audited.",
            "El autor es influyente: bloquea solo a troles que no lo sean (S19). Solo con "
            "--override y un motivo de al menos {n} caracteres, que queda auditado.",
        ),
        # incident timeline
        "event.response_drafted": ("Response drafted", "Respuesta redactada"),
        # a response's own history (oteo respond show)
        "response.history.drafted": ("drafted", "redactada"),
        "response.history.approved": ("approved", "aprobada"),
        "response.history.rejected": ("rejected", "rechazada"),
        "response.history.edited": ("edited", "editada"),
        "response.history.manual": ("to publish by hand", "para publicar a mano"),
        "response.history.retrying": ("to retry", "se reintentará"),
        "response.history.failed": ("could not be published", "no se pudo publicar"),
        "response.history.published": ("published", "publicada"),
        "event.response_approved": ("Response approved", "Respuesta aprobada"),
        "event.response_rejected": ("Response rejected", "Respuesta rechazada"),
        "event.response_published": ("Response published", "Respuesta publicada"),
        "event.response_failed": (
            "Response could not be published",
            "No se pudo publicar la respuesta",
        ),
    }
)

MESSAGES.update(
    {
        # ------------------------------------------------------------------ desk: states
        "inbox.new": ("new", "nuevo"),
        "inbox.acknowledged": ("acknowledged", "visto"),
        "inbox.replied": ("replied", "respondido"),
        "inbox.private": ("moved to private", "pasado a privado"),
        "inbox.resolved": ("resolved", "resuelto"),
        "inbox.follow_up": ("follow-up due", "seguimiento pendiente"),
        "inbox.closed": ("closed", "cerrado"),
        "response.draft": ("draft (must change)", "borrador (hay que cambiarlo)"),
        "response.pending": ("awaiting approval", "pendiente de aprobación"),
        "response.scheduled": ("scheduled", "programada"),
        "response.publishing": ("publishing", "publicándose"),
        "response.published": ("published", "publicada"),
        "response.manual": ("to publish by hand", "para publicar a mano"),
        "response.rejected": ("rejected", "rechazada"),
        "response.failed": ("failed", "fallida"),
        "response.kind.reply": ("reply", "respuesta"),
        # the templates' scenarios (playbooks) by name (a brand's own as it writes them)
        "playbook.general": ("general", "general"),
        "playbook.food_safety": ("food safety", "seguridad alimentaria"),
        "playbook.service_outage": ("service outage", "caída del servicio"),
        "playbook.wrong_post": ("wrong post", "publicación desafortunada"),
        "playbook.hacked_account": ("hacked account", "cuenta hackeada"),
        "playbook.competitor_rumour": ("rumour", "bulo"),
        "playbook.insider": ("leak from inside", "filtración interna"),
        "playbook.contest": ("contest", "concurso"),
        "playbook.influencer": ("influencer", "influencer"),
        # the shipped templates by name (a brand's own are shown by their id)
        "template.complaint": ("Reply to a complaint", "Respuesta a una queja"),
        "template.question": ("Reply to a question", "Respuesta a una pregunta"),
        "template.follow_up": ("Follow-up", "Seguimiento"),
        "template.move_to_private": ("Move to private", "Pasar a privado"),
        "template.holding": ("Holding statement", "Comunicado de espera"),
        "template.food_safety_holding": (
            "Food safety: holding statement",
            "Seguridad alimentaria: comunicado de espera",
        ),
        "template.food_safety_statement": (
            "Food safety: statement",
            "Seguridad alimentaria: comunicado",
        ),
        "template.service_outage_holding": (
            "Service outage: holding statement",
            "Caída del servicio: comunicado de espera",
        ),
        "template.service_outage_statement": (
            "Service outage: statement",
            "Caída del servicio: comunicado",
        ),
        "template.wrong_post_statement": (
            "Wrong post: statement",
            "Publicación desafortunada: comunicado",
        ),
        "template.hacked_account_holding": (
            "Hacked account: holding statement",
            "Cuenta hackeada: comunicado de espera",
        ),
        "template.competitor_rumour_statement": (
            "Rumour: statement",
            "Bulo: comunicado",
        ),
        "template.rumour_reply": ("Reply to a rumour", "Respuesta a un bulo"),
        "template.insider_statement": (
            "Leak from inside: statement",
            "Filtración interna: comunicado",
        ),
        "template.contest_statement": ("Contest: statement", "Concurso: comunicado"),
        "template.influencer_reply": ("Reply to an influencer", "Respuesta a un influencer"),
        "template.kind.reply": ("reply", "respuesta"),
        "template.kind.holding": ("holding statement", "comunicado de espera"),
        "template.kind.statement": ("statement", "comunicado"),
        "response.kind.post": ("brand post", "publicación de la marca"),
        "risk.offensive": ("offensive language", "lenguaje ofensivo"),
        "risk.risk_word": ("a forbidden word", "una palabra prohibida"),
        "risk.too_long": ("too long for the network", "demasiado largo para la red"),
        "risk.sensitive_topic": (
            "touches the topic of an open incident",
            "toca el tema de un incidente abierto",
        ),
        "risk.open_incident": (
            "a brand post during an open incident",
            "una publicación de la marca durante un incidente abierto",
        ),
        "risk.wrong_account": (
            "the wrong account (service vs brand)",
            "la cuenta equivocada (atención frente a marca)",
        ),
        "moderation.done": ("done", "hecho"),
        "moderation.manual": ("to do by hand at the source", "a hacer a mano en la red"),
        "moderation.failed": ("failed", "fallido"),
        # ------------------------------------------------------------------ desk: commands
        "cli.inbox.help": (
            "The reply inbox: complaints and questions, most urgent first.",
            "La bandeja de respuesta: quejas y preguntas, lo más urgente primero.",
        ),
        "cli.inbox.list.help": ("List the inbox.", "Lista la bandeja."),
        "cli.inbox.ids": ("Inbox item numbers.", "Números de elementos de la bandeja."),
        "cli.inbox.state": (
            "Only these states (new, acknowledged, replied, private, resolved, follow_up, closed).",
            "Solo estos estados (new, acknowledged, replied, private, resolved, follow_up, closed).",
        ),
        "cli.inbox.mine": (
            "Only items assigned to this person.",
            "Solo lo asignado a esta persona.",
        ),
        "cli.inbox.to": (
            "Who the items are assigned to (a person of the team).",
            "A quién se asignan (una persona del equipo).",
        ),
        "cli.inbox.clock": ("Promise", "Compromiso"),
        "cli.inbox.who": ("Where, who", "Dónde, quién"),
        "cli.inbox.due_in": ("{left} left", "quedan {left}"),
        "cli.inbox.late": ("{late} late", "{late} tarde"),
        "cli.inbox.count": ("Items: {n}.", "Elementos: {n}."),
        "cli.inbox.done": (
            "Items changed ({action}): {n}.",
            "Elementos cambiados ({action}): {n}.",
        ),
        "cli.inbox.skipped": (
            "Not changed ({action} does not apply in their state): {ids}.",
            "Sin cambiar ({action} no se aplica en su estado): {ids}.",
        ),
        "cli.inbox.ack.help": ("Mark items as seen.", "Marca elementos como vistos."),
        "cli.inbox.assign.help": (
            "Assign items to a person (--to).",
            "Asigna elementos a una persona (--to).",
        ),
        "cli.inbox.replied.help": (
            "Mark items as answered outside oteo.",
            "Marca elementos como respondidos fuera de oteo.",
        ),
        "cli.inbox.private.help": (
            "Mark items as moved to a private channel.",
            "Marca elementos como pasados a un canal privado.",
        ),
        "cli.inbox.resolve.help": (
            "Resolve items (a follow-up comes due later).",
            "Resuelve elementos (más tarde tocará hacer seguimiento).",
        ),
        "cli.inbox.done.help": (
            "Close items after checking back with the customer.",
            "Cierra elementos tras volver a contactar con el cliente.",
        ),
        "cli.inbox.reopen.help": ("Reopen items.", "Reabre elementos."),
        "cli.respond.help": (
            "Replies and brand posts: draft, approve, publish.",
            "Respuestas y publicaciones de la marca: redactar, aprobar, publicar.",
        ),
        "cli.respond.id": ("The response number.", "El número de la respuesta."),
        "cli.respond.item": (
            "The inbox item answered.",
            "El elemento de la bandeja al que se responde.",
        ),
        "cli.respond.text": ("The text.", "El texto."),
        "cli.respond.template": (
            "A template's id (see 'oteo respond templates').",
            "El id de una plantilla (mira 'oteo respond templates').",
        ),
        "cli.respond.var": (
            "A template value, name=value (repeat).",
            "Un valor de la plantilla, nombre=valor (repetible).",
        ),
        "cli.respond.bad_var": ("'{pair}' is not name=value.", "'{pair}' no es nombre=valor."),
        "cli.respond.account": (
            "The brand account to publish from.",
            "La cuenta de la marca desde la que publicar.",
        ),
        "cli.respond.in": ("The language of the text: es or en.", "El idioma del texto: es o en."),
        "cli.respond.at": ("When to publish (ISO 8601).", "Cuándo publicar (ISO 8601)."),
        "cli.respond.incident": (
            "The incident the post is about.",
            "El incidente del que trata la publicación.",
        ),
        "cli.respond.reply.help": (
            "Draft a reply to an inbox item.",
            "Redacta una respuesta a un elemento de la bandeja.",
        ),
        "cli.respond.post.help": (
            "Draft a brand post or statement.",
            "Redacta una publicación o un comunicado de la marca.",
        ),
        "cli.respond.list.help": ("List responses.", "Lista las respuestas."),
        "cli.respond.show.help": (
            "Show a response and its history.",
            "Muestra una respuesta y su historia.",
        ),
        "cli.respond.approve.help": ("Approve a response.", "Aprueba una respuesta."),
        "cli.respond.reject.help": ("Reject a response.", "Rechaza una respuesta."),
        "cli.respond.edit.help": (
            "Change a response's text (approvals start again).",
            "Cambia el texto de una respuesta (las aprobaciones vuelven a empezar).",
        ),
        "cli.respond.published.help": (
            "Record that a response was published by hand.",
            "Registra que una respuesta se publicó a mano.",
        ),
        "cli.respond.publish.help": (
            "Publish the responses that are due now.",
            "Publica las respuestas que tocan ahora.",
        ),
        "cli.respond.templates.help": (
            "List the response templates.",
            "Lista las plantillas de respuesta.",
        ),
        "cli.respond.state": ("Only these states.", "Solo estos estados."),
        "cli.respond.accept": (
            "Why the warnings of the automatic check are acceptable.",
            "Por qué se aceptan los avisos de la revisión automática.",
        ),
        "cli.respond.reason": ("The reason (it is audited).", "El motivo (queda auditado)."),
        "cli.respond.url": ("Where it was published.", "Dónde se publicó."),
        "cli.respond.kind": ("Kind", "Tipo"),
        "cli.respond.where": ("From", "Desde"),
        "cli.respond.text_column": ("Text", "Texto"),
        "cli.respond.by_hand": ("by hand on {network}", "a mano en {network}"),
        "cli.respond.summary": (
            "#{id} {kind}: {state} · {where} · approvals {have}/{needed} ({approvals})",
            "#{id} {kind}: {state} · {where} · aprobaciones {have}/{needed} ({approvals})",
        ),
        "cli.respond.paste": (
            "Copy the text and publish it here: {link} — then 'oteo respond published'.",
            "Copia el texto y publícalo aquí: {link} — luego 'oteo respond published'.",
        ),
        "cli.respond.published_n": ("{n} responses handled.", "{n} respuestas tratadas."),
        "cli.moderate.help": (
            "Hide, delete or block: only insults, threats, hate and spam (S10).",
            "Ocultar, borrar o bloquear: solo insultos, amenazas, odio y spam (S10).",
        ),
        "cli.moderate.mention": (
            "The mention's number (oteo inbox list shows it with each post; it is not the "
            "inbox item's number).",
            "El número de la mención (oteo inbox list lo muestra con cada publicación; no es "
            "el número del elemento de la bandeja).",
        ),
        "cli.inbox.mention": ("mention #{id}", "mención #{id}"),
        "moderation.do.hide": ("hide", "ocultar"),
        "moderation.do.delete": ("delete", "borrar"),
        "moderation.do.block": ("block the author", "bloquear al autor"),
        "web.act.moderate": ("Moderate", "Moderar"),
        "moderation.action.hide": ("Hidden", "Ocultada"),
        "moderation.action.delete": ("Deleted", "Borrada"),
        "moderation.action.block": ("Author blocked", "Autor bloqueado"),
        "cli.moderate.action": (
            "hide, delete or block.",
            "hide (ocultar), delete (borrar) o block (bloquear).",
        ),
        "cli.moderate.override": (
            "Go ahead though the post is not offensive (needs --reason; audited).",
            "Seguir aunque la publicación no sea ofensiva (requiere --reason; queda auditado).",
        ),
        "cli.moderate.done": (
            "{action}: mention #{id} «{text}» (grounds: {grounds}): {state}.",
            "{action}: mención #{id} «{text}» (motivo: {grounds}): {state}.",
        ),
        "cli.sla.help": (
            "How the response promise was kept.",
            "Cómo se ha cumplido el compromiso de respuesta.",
        ),
        "cli.sla.days": ("Days to look back.", "Días hacia atrás."),
        "cli.sla.report": (
            "Last {days} days: {items} messages to answer; {answered} answered ({in_time} in time, "
            "{late} late); {breached} unanswered past the promise, {waiting} still in time.",
            "Últimos {days} días: {items} mensajes por responder; {answered} respondidos ({in_time} "
            "a tiempo, {late} tarde); {breached} sin responder fuera de plazo, {waiting} aún a tiempo.",
        ),
        "cli.sla.median": (
            "Median time to answer: {plain} ({working} in service hours).",
            "Mediana del tiempo de respuesta: {plain} ({working} en horario de atención).",
        ),
    }
)

MESSAGES.update(
    {
        "web.inbox.due": ("Answer by", "Responder antes de"),
        "web.clock.warning": ("about to run out", "a punto de vencer"),
        "web.clock.breached": ("late", "fuera de plazo"),
        "web.inbox.deleted": (
            "deleted at the source (kept here)",
            "borrada en origen (se conserva aquí)",
        ),
        "web.inbox.responses": ("Responses waiting", "Respuestas pendientes"),
        "web.inbox.text": ("Text", "Texto"),
        "web.inbox.no_responses": ("No response is waiting.", "No hay respuestas pendientes."),
    }
)

# ---------------------------------------------------------------------- drills (simulacros)
MESSAGES.update(
    {
        "drill.unknown": (
            "There is no scenario called '{name}'. Scenarios: {known}.",
            "No hay ningún escenario llamado '{name}'. Escenarios: {known}.",
        ),
        "drill.too_short": (
            "A drill lasts at least {least} min: detection reads closed 5-minute periods, "
            "and a shorter drill ends before it can see anything (--speed compresses the "
            "scenario, not detection).",
            "Un simulacro dura al menos {least} min: la detección lee periodos de 5 minutos "
            "ya cerrados, y uno más corto termina antes de que pueda ver nada (--speed "
            "comprime el escenario, no la detección).",
        ),
        "drill.bad_speed": (
            "The speed must be greater than 0 (1 plays the scenario in real time).",
            "La velocidad debe ser mayor que 0 (1 reproduce el escenario en tiempo real).",
        ),
        "drill.never": ("did not happen", "no ocurrió"),
        "drill.after_post": ("{n} min after the first post", "{n} min tras la primera publicación"),
        "drill.after_detection": ("{n} min after detection", "{n} min tras la detección"),
        "drill.banner": (
            "DRILL — scenario '{scenario}' ({what}), from {start} to {end} at {speed}× speed. "
            "Nothing here is real; every message says DRILL. Act as in a real crisis: "
            "acknowledge, convene, respond. Ctrl-C ends the drill early.",
            "SIMULACRO — escenario '{scenario}' ({what}), de {start} a {end} a velocidad {speed}×. "
            "Nada de esto es real; cada aviso dice SIMULACRO. Actuad como en una crisis real: "
            "confirmar, reunir al comité, responder. Ctrl-C termina antes el simulacro.",
        ),
        "drill.before": (
            "Gaps found before the drill starts:",
            "Carencias encontradas antes de empezar el simulacro:",
        ),
        "drill.team": ("{at}  #{id} {what} — {who}", "{at}  #{id} {what} — {who}"),
        "drill.closed_by_team": (
            "The team closed the drill's incidents: the drill is over.",
            "El equipo ha cerrado los incidentes del simulacro: el simulacro ha terminado.",
        ),
        "drill.report.title": (
            "Drill report — scenario '{scenario}', {start} to {end}",
            "Informe del simulacro — escenario '{scenario}', de {start} a {end}",
        ),
        "drill.report.detected": (
            "Detection: {took} (incidents {ids})",
            "Detección: {took} (incidentes {ids})",
        ),
        "drill.report.paged": ("First page: {took}", "Primer aviso: {took}"),
        "drill.report.acknowledged": (
            "Acknowledged: {took} (by {who})",
            "Confirmado: {took} (por {who})",
        ),
        "drill.report.unacknowledged": ("Acknowledged: {took}", "Confirmado: {took}"),
        "drill.report.convened": (
            "Crisis team convened: {took}",
            "Comité de crisis reunido: {took}",
        ),
        "drill.report.responded": (
            "First public response: {took}",
            "Primera respuesta pública: {took}",
        ),
        "drill.report.steps": (
            "Protocol steps done: {done}. Skipped: {skipped}.",
            "Pasos del protocolo hechos: {done}. Sin hacer: {skipped}.",
        ),
        "drill.report.gaps": ("{n} gaps found:", "{n} carencias encontradas:"),
        "drill.report.no_gaps": ("No gaps found.", "No se encontraron carencias."),
        "drill.report.saved": ("Report saved to {path}", "Informe guardado en {path}"),
        "drill.gap.no_rota": (
            "There is no listening rota: nobody is on call at any hour (rota.shifts).",
            "No hay turnos de escucha: nadie está de guardia a ninguna hora (rota.shifts).",
        ),
        "drill.gap.nobody_on_call": (
            "Nobody was on call when it broke ({at}): add a shift to rota.shifts.",
            "Nadie estaba de guardia cuando estalló ({at}): añade un turno en rota.shifts.",
        ),
        "drill.gap.role_vacant": (
            "The role '{role}' is named in the plan but nobody in the team holds it.",
            "El rol '{role}' aparece en el plan pero nadie del equipo lo tiene.",
        ),
        "drill.gap.role_no_contact": (
            "The role '{role}' has no contact details ({people}): add contacts in team.",
            "El rol '{role}' no tiene datos de contacto ({people}): añade contactos en team.",
        ),
        "drill.gap.no_holding": (
            "No pre-approved holding statement for '{playbook}' (shipped templates: {shipped}; "
            "they need approvals at the worst moment): add one with approved_by under "
            "respond.templates.",
            "No hay un comunicado de espera aprobado de antemano para '{playbook}' (plantillas "
            "incluidas: {shipped}; necesitan aprobaciones en el peor momento): añade una con "
            "approved_by en respond.templates.",
        ),
        "drill.gap.detection_cold": (
            "oteo has not listened to this brand yet: the drill measured detection against a "
            "simulated ordinary day, not the brand's own.",
            "oteo aún no ha escuchado a esta marca: el simulacro midió la detección frente a un "
            "día corriente simulado, no frente al de la marca.",
        ),
        "drill.gap.chain_timeout": (
            "Incident #{id}: nobody acknowledged within {minutes} min; the chain went on to "
            "step {step} ({people}).",
            "Incidencia #{id}: nadie confirmó en {minutes} min; la cadena pasó al paso {step} "
            "({people}).",
        ),
        "drill.gap.chain_exhausted": (
            "Incident #{id}: the whole escalation chain was paged and nobody acknowledged.",
            "Incidencia #{id}: se avisó a toda la cadena de escalado y nadie confirmó.",
        ),
        "drill.gap.unreachable": (
            "{name} had to be paged but has no contact details.",
            "Había que avisar a {name}, pero no tiene datos de contacto.",
        ),
        "drill.gap.page_failed": (
            "A page to {person} by {channel} could not be delivered.",
            "Un aviso a {person} por {channel} no se pudo entregar.",
        ),
        "drill.gap.not_detected": (
            "oteo did not detect the crisis: check the watches' queries and sensitivity.",
            "oteo no detectó la crisis: revisa las consultas de las escuchas y la sensibilidad.",
        ),
        "drill.gap.false_alarm": (
            "oteo escalated a scenario that is not a crisis.",
            "oteo escaló un escenario que no es una crisis.",
        ),
        "drill.gap.not_acknowledged": (
            "Nobody acknowledged the incident during the drill.",
            "Nadie confirmó el incidente durante el simulacro.",
        ),
        "drill.gap.not_convened": (
            "The level reached calls for the crisis team, and it was not convened.",
            "El nivel alcanzado pide reunir al comité de crisis, y no se reunió.",
        ),
        "drill.gap.no_response": (
            "Nothing was said in public during the drill (no response published).",
            "No se dijo nada en público durante el simulacro (ninguna respuesta publicada).",
        ),
        "event.drill_ended": ("Drill over: report filed", "Fin del simulacro: informe archivado"),
        "cli.drill.help": (
            "Rehearse the crisis plan: play a scenario into this oteo, marked DRILL, and "
            "measure the team.",
            "Ensaya el plan de crisis: reproduce un escenario en este oteo, marcado SIMULACRO, "
            "y mide al equipo.",
        ),
        "cli.drill.scenario": (
            "The scenario (oteo sim list shows them).",
            "El escenario (oteo sim list los muestra).",
        ),
        "cli.drill.speed": (
            "How much faster the scenario runs than real time (1: real time).",
            "Cuántas veces más rápido que el tiempo real va el escenario (1: tiempo real).",
        ),
        "cli.drill.length": (
            "How long the drill lasts (e.g. 45m, 2h).",
            "Cuánto dura el simulacro (p. ej. 45m, 2h).",
        ),
        "cli.drill.out": (
            "Also write the report as JSON to this file.",
            "Escribe además el informe en JSON en este fichero.",
        ),
        "cli.drill.serve": (
            "Also serve the dashboard (if oteo run or oteo serve is not running).",
            "Sirve también el panel (si oteo run u oteo serve no están en marcha).",
        ),
        "cli.drill.bad_length": (
            "'{value}' is not a duration: write it like 45m, 2h or 1h30m.",
            "'{value}' no es una duración: escríbela como 45m, 2h o 1h30m.",
        ),
    }
)

# ---------------------------------------------------------------------- connectors' health
MESSAGES.update(
    {
        "cli.status.source": ("Source", "Fuente"),
        "cli.status.polled": ("Last asked", "Última consulta"),
        "cli.status.last_item": ("Last item", "Último elemento"),
        "cli.status.last_hour": ("Last hour", "Última hora"),
        "cli.status.errors": ("Errors", "Errores"),
        "cli.status.quarantined": ("Quarantined", "En cuarentena"),
        "web.overview.sources": ("Sources", "Fuentes"),
        "source.bad_setting": (
            "A '{type}' source has a '{setting}' oteo does not know.",
            "Una fuente '{type}' tiene un '{setting}' que oteo no conoce.",
        ),
        "source.bad_setting.fix": ("use one of: {known}.", "usa uno de: {known}."),
        "source.state.ok": ("working", "funciona"),
        "source.state.failing": ("failing", "falla"),
        "source.state.quiet": ("quiet", "en silencio"),
        "source.state.waiting": ("not asked yet", "sin consultar aún"),
    }
)

# ---------------------------------------------------------------------- users and sign-in
MESSAGES.update(
    {
        "role.viewer": ("viewer", "lectura"),
        "role.responder": ("responder", "respuesta"),
        "role.approver": ("approver", "aprobación"),
        "role.admin": ("admin", "administración"),
        "web.forbidden": (
            "Your role does not allow this (it needs '{role}' or above).",
            "Tu rol no permite esto (hace falta '{role}' o superior).",
        ),
        "web.csrf": (
            "This form is out of date or did not come from oteo: reload the page and try again.",
            "Este formulario está caducado o no viene de oteo: recarga la página e inténtalo de nuevo.",
        ),
        "web.login.title": ("Sign in", "Entrar"),
        "web.login.username": ("User name", "Usuario"),
        "web.login.password": ("Password", "Contraseña"),
        "web.login.submit": ("Sign in", "Entrar"),
        "web.login.wrong": (
            "Wrong user name or password.",
            "Usuario o contraseña incorrectos.",
        ),
        "web.login.too_many": (
            "Too many failed attempts: wait 15 minutes and try again.",
            "Demasiados intentos fallidos: espera 15 minutos e inténtalo de nuevo.",
        ),
        "web.login.setup": (
            "Nobody can sign in yet. Create the first administrator on the server with:",
            "Todavía no puede entrar nadie. Crea el primer administrador en el servidor con:",
        ),
        "web.logout": ("Sign out", "Salir"),
        "web.nav.team": ("Team", "Equipo"),
        "web.category": ("Category", "Categoría"),
        "category.none": ("nothing unusual", "nada fuera de lo común"),
        "category.isolated": ("an isolated comment", "un comentario aislado"),
        "category.light": ("light criticism", "crítica leve"),
        "category.strong": ("strong criticism", "crítica fuerte"),
        "category.crisis": ("crisis", "crisis"),
        "category.attack": (
            "an attack (trolls, bots or a competitor)",
            "un ataque (trolls, bots o la competencia)",
        ),
        "category.bot_flood": ("a bot flood", "una avalancha de bots"),
        "web.volume": ("Mentions", "Menciones"),
        "web.flag.troll": ("likely troll or bot ({p}%)", "probable troll o bot ({p} %)"),
        "web.flag.coordinated": ("coordinated", "coordinado"),
        "web.flag.attack": ("{kind}: “{words}”", "{kind}: «{words}»"),
        "web.flag.model_only": (
            "{kind}? the model's reading only, no insult in its words: read before moderating",
            "¿{kind}? solo lo lee así el modelo, sin insultos en sus palabras: léelo antes de "
            "moderar",
        ),
        "offence.insult": ("insult", "insulto"),
        "offence.threat": ("threat", "amenaza"),
        "offence.hate": ("hate", "odio"),
        "offence.spam": ("spam", "spam"),
        "offence.override": ("decided by hand (--override)", "decisión manual (--override)"),
        "web.time.detect": (
            "Detected after the first post",
            "Detectado tras la primera publicación",
        ),
        "web.time.acknowledge": ("Acknowledged after detection", "Confirmado tras la detección"),
        "web.time.respond": (
            "First public response after detection",
            "Primera respuesta pública tras la detección",
        ),
        "span.minutes": ("{m} min", "{m} min"),
        "span.hours": ("{h} h {m} min", "{h} h {m} min"),
        "span.whole_hours": ("{h} h", "{h} h"),
        "span.days": ("{d} d {h} h", "{d} d {h} h"),
        "span.whole_days": ("{d} d", "{d} d"),
        "web.nav.templates": ("Templates", "Plantillas"),
        "web.nav.settings": ("Settings", "Configuración"),
        "web.team.on_duty": ("On call now", "De guardia ahora"),
        "web.team.chains": (
            "Who each level pages, in turn",
            "A quién avisa cada nivel, por turnos",
        ),
        "web.team.gaps": ("Nobody on call (next 7 days)", "Sin nadie de guardia (próximos 7 días)"),
        "web.team.people": ("The crisis team", "El comité de crisis"),
        "web.team.roles": ("Roles", "Roles"),
        "web.team.contacts": ("How to reach them", "Cómo contactar"),
        "web.team.no_contacts": ("no contact details", "sin datos de contacto"),
        "web.team.rota": ("Listening rota", "Turnos de escucha"),
        "web.templates.intro": (
            "The response templates: the ones oteo ships and the brand's own (pre-approved ones marked).",
            "Las plantillas de respuesta: las que trae oteo y las de la marca (las preaprobadas, marcadas).",
        ),
        "web.templates.id": ("Template", "Plantilla"),
        "web.templates.scenario": ("Scenario", "Escenario"),
        "web.templates.approved": ("Pre-approved by {by} on {on}", "Preaprobada por {by} el {on}"),
        "web.settings.intro": (
            "How oteo is set up (from its config file; secrets are never shown).",
            "Cómo está configurado oteo (según su fichero de configuración; los secretos nunca se muestran).",
        ),
        "web.settings.lang": ("Language", "Idioma"),
        "web.settings.timezone": ("Time zone", "Zona horaria"),
        "web.settings.detection": (
            "Detection (bucket · window · sensitivity · days of watch)",
            "Detección (intervalo · ventana · sensibilidad · días de vigilancia)",
        ),
        "web.settings.sla": (
            "Response promise (in hours / outside)",
            "Compromiso de respuesta (en horario / fuera)",
        ),
        "web.settings.levels": ("Severity levels", "Niveles de gravedad"),
        "web.settings.users": ("Users", "Usuarios"),
        "web.settings.tokens": ("API tokens", "Tokens de API"),
        "web.settings.manage": (
            "Users and tokens are managed on the server: oteo user …, oteo token …",
            "Los usuarios y tokens se gestionan en el servidor: oteo user …, oteo token …",
        ),
        "cli.bench.web.help": (
            "Measure how long the dashboard's pages take over a database.",
            "Mide cuánto tardan las páginas del panel sobre una base de datos.",
        ),
        "web.no_person": (
            "The user '{user}' is not a member of the team: ask an admin to link it "
            "(oteo user add … --person ID).",
            "El usuario '{user}' no es un miembro del equipo: pide a un administrador que lo "
            "vincule (oteo user add … --person ID).",
        ),
        "web.bad_form": ("The form was incomplete.", "El formulario estaba incompleto."),
        "web.act.title": ("Act", "Actuar"),
        "web.act.move": ("Move to", "Pasar a"),
        "web.act.move_button": ("Move", "Mover"),
        "web.act.triage": ("Triage:", "Evaluación:"),
        "web.act.triage_button": ("Triaged", "Evaluado"),
        "web.act.why": ("why (optional)", "por qué (opcional)"),
        "web.act.note": (
            "A note or a decision for the timeline",
            "Una nota o una decisión para la cronología",
        ),
        "web.act.note_button": ("Add to the timeline", "Añadir a la cronología"),
        "web.act.done": ("done", "hecho"),
        "web.act.undo": ("undo", "deshacer"),
        "web.act.with_selected": ("With the selected:", "Con los seleccionados:"),
        "web.act.to": ("assign to", "asignar a"),
        "web.act.apply": ("Apply", "Aplicar"),
        "web.act.approve": ("Approve", "Aprobar"),
        "web.act.reply": ("Reply", "Responder"),
        "web.sources.quarantine": ("Quarantine", "Cuarentena"),
        "web.sources.quarantine_intro": (
            "Items a source could not read, kept as received with the reason (the newest 100).",
            "Elementos que una fuente no pudo leer, guardados tal como llegaron y con el motivo (los 100 últimos).",
        ),
        "web.sources.reason": ("Reason", "Motivo"),
        "web.sources.payload": ("As received", "Tal como llegó"),
        "web.sources.none": ("Nothing in quarantine.", "Nada en cuarentena."),
        "web.sources.no_sources": (
            "No source is configured: oteo holds what was imported (oteo import) or replayed "
            "(oteo demo). Sources are added under 'sources' in the config.",
            "No hay fuentes configuradas: oteo tiene lo importado (oteo import) o reproducido "
            "(oteo demo). Las fuentes se añaden en 'sources' de la configuración.",
        ),
        "web.act.statement": ("A statement", "Un comunicado"),
        "web.act.own_text": ("(your own text)", "(texto propio)"),
        "web.act.fits": ("fits this incident", "encaja con este incidente"),
        "cli.incident.fits": (
            "Statements that fit who started it",
            "Comunicados que encajan con quién lo empezó",
        ),
        "web.act.draft": (
            "Draft (it waits for its approvals)",
            "Redactar (espera sus aprobaciones)",
        ),
        "web.act.reject": ("Reject", "Rechazar"),
        "web.act.risk_or_reason": (
            "why you accept the risk, or why you reject it",
            "por qué aceptas el riesgo, o por qué lo rechazas",
        ),
        "web.inbox.action.ack": ("acknowledge", "confirmar"),
        "web.inbox.action.assign": ("assign", "asignar"),
        "web.inbox.action.replied": ("answered elsewhere", "respondido fuera"),
        "web.inbox.action.private": ("moved to private", "pasado a privado"),
        "web.inbox.action.resolve": ("resolve", "resolver"),
        "web.inbox.action.done": ("checked back: close", "seguimiento hecho: cerrar"),
        "web.inbox.action.reopen": ("reopen", "reabrir"),
        "demo.signin": (
            "Sign in to the dashboard as '{user}' with the password {password}",
            "Entra en el panel como '{user}' con la contraseña {password}",
        ),
        "cli.no_users": (
            "Nobody can sign in to the dashboard yet: oteo user add NAME --role admin",
            "Todavía no puede entrar nadie en el panel: oteo user add NOMBRE --role admin",
        ),
        "cli.user.help": (
            "Who may sign in to the web app.",
            "Quién puede entrar en la aplicación web.",
        ),
        "cli.user.username": ("User name", "Usuario"),
        "cli.user.name": ("Full name", "Nombre"),
        "cli.user.role": (
            "Role: viewer, responder, approver or admin.",
            "Rol: viewer, responder, approver o admin.",
        ),
        "cli.user.person": (
            "The team member (id in the config) this user is.",
            "El miembro del equipo (id en la configuración) que es este usuario.",
        ),
        "cli.user.password_stdin": (
            "Read the password from the first line of standard input.",
            "Lee la contraseña de la primera línea de la entrada estándar.",
        ),
        "cli.user.password": ("New password", "Nueva contraseña"),
        "cli.user.password_again": ("The same password again", "La misma contraseña otra vez"),
        "cli.user.mismatch": (
            "The two passwords differ; once more.",
            "Las dos contraseñas no coinciden; otra vez.",
        ),
        "cli.user.short": (
            "The password must have at least {n} characters.",
            "La contraseña debe tener al menos {n} caracteres.",
        ),
        "cli.user.bad_role": (
            "'{role}' is not a role. Roles: {known}.",
            "'{role}' no es un rol. Roles: {known}.",
        ),
        "cli.user.bad_name": (
            "'{name}' is not a valid user name: letters, digits, '.', '-' and '_', up to 64.",
            "'{name}' no es un nombre de usuario válido: letras, cifras, '.', '-' y '_', hasta 64.",
        ),
        "cli.user.exists": ("There is already a user '{name}'.", "Ya hay un usuario '{name}'."),
        "cli.user.unknown": ("There is no user '{name}'.", "No hay ningún usuario '{name}'."),
        "cli.user.added": ("User '{name}' added ({role}).", "Usuario '{name}' creado ({role})."),
        "cli.user.changed": (
            "User '{name}' changed; their sessions were closed.",
            "Usuario '{name}' cambiado; sus sesiones se han cerrado.",
        ),
        "cli.user.active": ("active", "activo"),
        "cli.user.disabled": ("disabled", "desactivado"),
        "cli.user.enable": ("Enable the user again.", "Vuelve a activar al usuario."),
        "cli.user.add.help": (
            "Add a user (the password is asked).",
            "Crea un usuario (se pide la contraseña).",
        ),
        "cli.user.list.help": ("List the users.", "Lista los usuarios."),
        "cli.user.passwd.help": ("Set a user's password.", "Cambia la contraseña de un usuario."),
        "cli.user.role.help": ("Change a user's role.", "Cambia el rol de un usuario."),
        "cli.user.disable.help": (
            "Disable a user (or --enable them again); their sessions end.",
            "Desactiva un usuario (o --enable para reactivarlo); sus sesiones terminan.",
        ),
        "cli.token.help": ("Tokens for the JSON API.", "Tokens para la API JSON."),
        "cli.token.name": ("What the token is for.", "Para qué es el token."),
        "cli.token.id": ("The token's number.", "El número del token."),
        "cli.token.used": ("Last used", "Último uso"),
        "cli.token.purpose": ("For", "Para qué"),
        "cli.token.revoked": ("revoked", "revocado"),
        "cli.token.create.help": (
            "Create an API token for a user (shown once).",
            "Crea un token de API para un usuario (se muestra una sola vez).",
        ),
        "cli.token.list.help": ("List the API tokens.", "Lista los tokens de API."),
        "cli.token.revoke.help": ("Revoke an API token.", "Revoca un token de API."),
        "cli.token.created": (
            "Token #{id} for '{name}' (keep it: it is not shown again):",
            "Token n.º {id} para '{name}' (guárdalo: no se vuelve a mostrar):",
        ),
        "cli.token.unknown": (
            "There is no live token #{id}.",
            "No hay ningún token activo n.º {id}.",
        ),
        "cli.token.revoked_one": ("Token #{id} revoked.", "Token n.º {id} revocado."),
    }
)

# Typer's own words (oteo.cli_text): the English is Typer's, word for word
MESSAGES.update(
    {
        "cli.typer.usage": ("Usage:", "Uso:"),
        "cli.typer.options": ("Options", "Opciones"),
        "cli.typer.commands": ("Commands", "Órdenes"),
        "cli.typer.arguments": ("Arguments", "Argumentos"),
        "cli.typer.help_option": ("Show this message and exit.", "Muestra esta ayuda y termina."),
        "cli.typer.required": ("required", "obligatorio"),
        "cli.typer.default": ("default: {value}", "por defecto: {value}"),
        "cli.typer.env_var": ("env var: {value}", "variable de entorno: {value}"),
        "cli.typer.aborted": ("Aborted!", "Cancelado."),
        "cli.typer.try": (
            "Try '{command} {option}' for help.",
            "Prueba '{command} {option}' para ver la ayuda.",
        ),
        "cli.typer.error": ("Error: {message}", "Error: {message}"),
        "cli.typer.invalid_for": (
            "Invalid value for {param}: {message}",
            "Valor no válido para {param}: {message}",
        ),
        "cli.typer.invalid": ("Invalid value: {message}", "Valor no válido: {message}"),
        "cli.typer.missing_argument": ("Missing argument {param}.", "Falta el argumento {param}."),
        "cli.typer.missing_option": ("Missing option {param}.", "Falta la opción {param}."),
        "cli.typer.no_option": ("No such option: {name}", "No existe la opción {name}."),
        "cli.typer.no_command": ("No such command {name}.", "No existe la orden {name}."),
        "cli.typer.did_you_mean": ("Did you mean {options}?", "¿Quizá {options}?"),
        "cli.typer.missing_command": ("Missing command.", "Falta la orden."),
        "cli.typer.extra": (
            "Got unexpected extra arguments ({args})",
            "Sobran argumentos: {args}",
        ),
        "cli.typer.needs_value": (
            "Option {name} requires an argument.",
            "La opción {name} necesita un valor.",
        ),
        "cli.typer.at_least": (
            "Input should be greater than or equal to {n}",
            "debe ser mayor o igual que {n}",
        ),
        "cli.typer.at_most": (
            "Input should be less than or equal to {n}",
            "debe ser menor o igual que {n}",
        ),
        "cli.typer.above": ("Input should be greater than {n}", "debe ser mayor que {n}"),
        "cli.typer.below": ("Input should be less than {n}", "debe ser menor que {n}"),
        "cli.typer.integer": ("Input should be a valid integer", "debe ser un número entero"),
        "cli.typer.number": ("Input should be a valid number", "debe ser un número"),
        "cli.typer.choice": (
            "{value} is not one of {choices}.",
            "{value} no es ninguno de {choices}.",
        ),
        "cli.typer.no_path": ("{kind} {path} does not exist.", "{kind} {path} no existe."),
        "cli.typer.is_dir": ("{kind} {path} is a directory.", "{kind} {path} es un directorio."),
        "cli.typer.kind.file": ("File", "El fichero"),
        "cli.typer.kind.directory": ("Directory", "El directorio"),
        "cli.typer.kind.path": ("Path", "La ruta"),
    }
)
