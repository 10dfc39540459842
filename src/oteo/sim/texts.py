"""The simulator's own templates, in Spanish and English.

Brand slots are filled per brand: ``{brand}``, ``{handle}`` (the @account), ``{tag}``
(its #hashtag), ``{product}``, ``{place}`` and ``{city}``.  Kinds are what a post does:
praise, ask, inform, complain (light or strong), mock, insult, threaten, call a
boycott, reply, quote; and the kinds only a crisis produces.
"""

from __future__ import annotations

SLOTS_ES: dict[str, list[str]] = {
    "greeting": ["", "Buah, ", "Oye, ", "Bueno, ", "Chicos, ", "A ver, ", "Pues ", "Hola, "],
    "pos_adj": [
        "espectacular",
        "de diez",
        "increíble",
        "genial",
        "una maravilla",
        "brutal",
        "top",
        "de lujo",
        "impresionante",
        "de otro nivel",
    ],
    "neg_adj": [
        "fatal",
        "horrible",
        "lamentable",
        "penoso",
        "un desastre",
        "una vergüenza",
        "malísimo",
        "indignante",
        "pésimo",
    ],
    "emoji_pos": ["😍", "🙌", "👏", "❤️", "😋", "🔥", "💯", "😊", "🤩", ""],
    "emoji_neg": ["😡", "🤬", "👎", "😤", "🙄", "😒", "💩", "🤢", ""],
    "intens": ["muy", "súper", "tremendamente", "realmente", "de verdad"],
    "company": [
        "mis hijos",
        "la familia",
        "los compañeros del curro",
        "mi pareja",
        "unos amigos",
        "mi madre",
    ],
    "day": ["sábado", "domingo", "viernes", "jueves", "lunes", "martes", "miércoles"],
    "n": ["2", "3", "4", "5", "6", "7", "10", "12", "15"],
    "minutes": ["20", "30", "40", "45", "50", "60", "75", "90"],
    "wait": [
        "(He|Hemos) esperado {minutes} minutos",
        "Una hora esperando",
        "{minutes} minutos de cola",
        "Más de {minutes} minutos para que nos atiendan",
    ],
    "problem": [
        "el pedido llegó frío",
        "faltaba la mitad del pedido",
        "nos cobraron de más",
        "la carne estaba cruda",
        "el local estaba sucio",
        "nadie nos atendía",
        "se equivocaron de pedido",
        "la app no funciona",
        "no aceptaban tarjeta",
        "el repartidor ni se disculpó",
    ],
    "anger": [
        "Vergüenza",
        "Indignante",
        "Qué asco",
        "No hay derecho",
        "Esto es muy grave",
        "Alucinante",
        "Inaceptable",
    ],
    "sym": ["Qué horror", "Madre mía", "Qué fuerte", "Uf, lo siento mucho", "Vaya tela", "Qué mal"],
    "illness": [
        "con vómitos y fiebre",
        "en urgencias",
        "con diarrea toda la noche",
        "con una intoxicación",
        "con gastroenteritis",
        "en el hospital",
        "con fiebre y dolor de tripa",
    ],
    "group": [
        "mi familia y yo",
        "mi pareja y yo",
        "cuatro amigos y yo",
        "mis hijos y yo",
        "mis compañeros y yo",
        "mis padres y yo",
    ],
    "news_outlet": [
        "Según informa la prensa local",
        "Última hora",
        "Atención",
        "Según fuentes sanitarias",
    ],
    "insult_word": [
        "sinvergüenzas",
        "impresentables",
        "payasos",
        "ladrones",
        "inútiles",
        "idiotas",
    ],
    "defend": [
        "Yo siempre he comido bien en {brand}",
        "A mí nunca me ha pasado nada en {brand}",
        "Exageráis, {brand} está muy bien",
        "Pues yo estoy encantado con {brand}",
    ],
}

TEMPLATES_ES: dict[str, list[str]] = {
    "praise": [
        "{greeting}{brand} (es|sigue siendo) (lo mejor|mi sitio favorito|un acierto seguro)[ {emoji_pos}]",
        "(Me acabo de comer|Nos hemos tomado) {un_product} en {brand}[ de {place}], {pos_adj}[ {emoji_pos}]",
        "(Gracias|Mil gracias|Gracias de nuevo) {handle} por (la atención|el trato|lo rápido que llegó el pedido|el detalle)[, {intens} amables]",
        "Recomiendo {brand} (a todo el mundo|sin dudarlo|al 100%)[. {el_product}, {pos_adj}][ {emoji_pos}]",
        "(Hoy|Ayer|Este finde|Por fin) (cena|comida|merienda) en {brand}[ con {company}]: {pos_adj}[ {emoji_pos}]",
        "{el_product} de {brand} (está|es) {pos_adj}[, repetiré][ {emoji_pos}]",
        "(Me encanta|Nos encanta|Adoro) {brand}[ de {place}][, siempre {intens} atentos][ {emoji_pos}]",
        "{handle} (sois|sois los) (unos cracks|los mejores)[, {el_product} {pos_adj}][ {emoji_pos}]",
        "[Otra vez en {brand}. ](Nunca|Jamás) falla[ {emoji_pos}]",
        "El personal de {brand} en {place} (es|es siempre) {intens} amable[, da gusto] {emoji_pos}",
    ],
    "question": [
        "¿(A qué hora|Hasta qué hora) (abre|cierra) {brand} (en|de) {place}?",
        "{handle} ¿(hacéis|tenéis) (envíos|reparto) a {city}?",
        "¿Alguien sabe si {brand} tiene opciones (sin gluten|veganas|para celíacos)?",
        "{handle} ¿cómo puedo (cambiar|cancelar) un pedido que acabo de hacer?",
        "¿{brand} (acepta|admite) (reservas|pago con móvil|cheques restaurante)?",
        "¿Qué tal está {brand} de {place}? ¿Merece la pena?",
        "{handle} hola, ¿la promo de {el_product} sigue en pie?",
        "¿Dónde está el {brand} más cercano a {place}?",
    ],
    "news": [
        "{brand} abrirá (un nuevo local|su local número {n}0|una tienda) en {city} (este mes|este año|en primavera)",
        "{brand} (lanza|presenta|estrena) (su nuevo menú|su menú de temporada|una app nueva|una carta renovada)",
        "{brand} (contratará|busca) {n}0 personas para sus locales de {city}",
        "(Entrevista|Reportaje) con el fundador de {brand}: (así empezó todo|los planes para {city})",
        "{brand} (cambia de imagen|renueva su logo|estrena web)[ https://ejemplo.org/{n}]",
        "El sector de la comida rápida crece en {city}; {brand} entre las cadenas con más locales",
    ],
    "neutral": [
        "(He quedado|Quedamos) en el {brand} de {place}[ a las {n}]",
        "(Estoy|Estamos) en {brand}[ con {company}][, luego os cuento]",
        "[Pues ]hoy toca {brand}[ con {company}]",
        "El {brand} de {place} (está|queda) al lado de mi (curro|casa|gimnasio)",
        "(Vi|He visto) un anuncio de {brand} en la tele",
        "¿{brand} o pizza esta noche? (Dudas|Decisiones difíciles)",
    ],
    "complaint_light": [
        "(Un poco|Bastante) (lento|flojo) el servicio hoy en {brand} de {place}[ {emoji_neg}]",
        "{el_product} de {brand} ya no es lo que era[ {emoji_neg}]",
        "{handle} (me ha llegado|nos ha llegado) el pedido (incompleto|frío), ¿cómo lo (soluciono|solucionamos)?",
        "(Hoy|Ayer) en {brand}: {problem}. (Una pena|Qué rabia)[, con lo que me gusta]",
        "{brand} (cada vez más caro|ha subido los precios otra vez)[ {emoji_neg}]",
        "{handle} la app (no me deja pagar|se cuelga al hacer el pedido)",
        "Las patatas de {brand} (estaban frías|llegaron blandas) hoy[ {emoji_neg}]",
    ],
    "complaint_strong": [
        "({neg_adj}|Pésimo) servicio en {brand} de {place}. {wait} y (encima|además) {problem}. (No vuelvo|Nunca más)[ {emoji_neg}]",
        "{handle} llevo {n} días esperando (el reembolso|una respuesta) y nadie me contesta. {anger}[ {emoji_neg}]",
        "(Hoja de reclamaciones|Reclamación) puesta en {brand} de {place}: {problem}. {anger}",
        "{brand} {neg_adj}. {problem} y (nadie se hace responsable|ni una disculpa). {anger}",
        "Última vez que (como|pido) en {brand}: {problem}. (No lo recomiendo|No vayáis)[ {emoji_neg}]",
    ],
    "sarcasm": [
        "(Genial|Fantástico|Perfecto), (otra vez|de nuevo) {minutes} minutos esperando en {brand}. Gracias por nada[ {emoji_neg}]",
        "Me encanta que {brand} (me cobre dos veces|se olvide de la mitad del pedido). (Todo un detalle|Qué gran servicio) 🙄",
        "Qué suerte tengo: (tercera|cuarta) vez que {brand} (se equivoca|me trae el pedido frío). (Bravo|Enhorabuena) 👏",
    ],
    "insult": [
        "{handle} (sois|son) unos {insult_word}[ {emoji_neg}]",
        "Los de {brand} (sois|son) (unos|una panda de) {insult_word}",
        "{handle} (idiotas|inútiles|sinvergüenzas), (devolvedme|devuélveme) el dinero",
    ],
    "threat": [
        "{handle} como no me devolváis el dinero os voy a reventar el local",
        "Sé dónde vive el encargado de {brand} de {place}. Vais a pagar por esto",
    ],
    "boycott": [
        "(No volváis a|Nadie debería) (comer en|pisar) {brand} hasta que (expliquen lo que ha pasado|den explicaciones)[ {tag}]",
        "(Boicot|#Boicot) a {brand} (ya|hasta que den la cara)[. {anger}]",
        "(Compartid|Difundid) para que nadie más (coma|vaya) a {brand}. {anger}",
    ],
    "reply_support": [
        "{sym}, (espero que te lo solucionen|ojalá te respondan pronto|a mí me pasó algo parecido)",
        "{sym}. (Reclama|Pon una reclamación|Escríbeles por privado), suelen responder",
        "(Ánimo|Mucho ánimo), {handle} tiene que darte una solución",
    ],
    "reply_defend": [
        "{defend}",
        "{defend}[, igual fue un mal día]",
        "(Pues|Vaya,) yo fui ayer y {pos_adj}",
    ],
    "reply_agree": [
        "(Yo también|A mí también|Lo mismo me pasó)[ en {brand} de {place}][. {anger}]",
        "(Totalmente de acuerdo|Es verdad|Confirmo), {brand} (ha empeorado mucho|es un desastre últimamente)",
    ],
    "quote_comment": [
        "(Esto es gravísimo|Muy grave lo de {brand}|Qué fuerte esto)[. {handle} (¿qué tenéis que decir?|dad explicaciones)]",
        "(Ojo con esto|Atención a esto|Cuidado)[, {anger}]",
        "(Lo que faltaba|Increíble), {brand}[. {anger}]",
    ],
    "health_origin": [
        "(Aviso|Ojo|Atención): {group} (cenamos|comimos) el {day} en {brand} de {place} y (acabamos|terminamos todos) {illness}. (¿A alguien más le ha pasado?|Cuidado con lo que coméis allí.)",
        "{group} (acabamos|terminamos) {illness} después de (cenar|comer) en {brand} de {place}. {anger}",
    ],
    "health_joinin": [
        "(Yo también|Lo mismo:|Y yo|Igual que tú:) (comí|cené) en {brand}[ de {place}] (el {day}|esta semana) y (acabé|terminé) {illness}[. {anger}]",
        "(Confirmo|Es verdad), {group} (estamos|estuvimos) {illness} tras (comer|cenar) en {brand}[. {handle} ¿qué ha pasado?]",
        "(Mi hijo|Mi pareja|Mi compañero de piso) (lleva dos días|está) {illness} después de (comer|cenar) en {brand}. {anger}",
    ],
    "health_amplify": [
        "(Me están llegando|Me llegan) (decenas de|muchos|cada vez más) mensajes de gente intoxicada tras comer en {brand} de {place}. {handle} (¿qué está pasando?|tenéis que dar explicaciones YA)",
        "(Hilo|Ojo): ya son (decenas|muchísimas) las personas que dicen haberse intoxicado en {brand}. (Compartid|Difundid) por si acaso",
    ],
    "health_news": [
        "(Sanidad investiga|Investigan) un posible brote de intoxicación [alimentaria ](tras|vinculado a) {brand} (en|de) {place}",
        "{news_outlet}: (varias|decenas de) personas atendidas por intoxicación tras comer en {brand} de {place}",
    ],
}

SLOTS_EN: dict[str, list[str]] = {
    "greeting": ["", "Wow, ", "Honestly, ", "Ok so ", "Guys, ", "Well, ", "Hey, "],
    "pos_adj": [
        "amazing",
        "delicious",
        "fantastic",
        "awesome",
        "perfect",
        "so good",
        "brilliant",
        "top notch",
    ],
    "neg_adj": [
        "awful",
        "terrible",
        "a disgrace",
        "pathetic",
        "unacceptable",
        "a joke",
        "horrible",
    ],
    "emoji_pos": ["😍", "🙌", "👏", "❤️", "😋", "🔥", "💯", "😊", ""],
    "emoji_neg": ["😡", "🤬", "👎", "😤", "🙄", "😒", "🤢", ""],
    "intens": ["really", "super", "so", "incredibly", "very"],
    "company": ["the kids", "my family", "my coworkers", "my partner", "some friends", "my mum"],
    "day": ["Saturday", "Sunday", "Friday", "Thursday", "Monday", "Tuesday", "Wednesday"],
    "n": ["2", "3", "4", "5", "6", "7", "10", "12", "15"],
    "minutes": ["20", "30", "40", "45", "50", "60", "75", "90"],
    "wait": [
        "(I|We) waited {minutes} minutes",
        "An hour waiting",
        "{minutes} minutes in the queue",
        "Over {minutes} minutes to get served",
    ],
    "problem": [
        "the order arrived cold",
        "half the order was missing",
        "they overcharged us",
        "the {product} was raw",
        "the place was dirty",
        "nobody served us",
        "they got the order wrong",
        "the app doesn't work",
        "they wouldn't take cards",
        "the driver didn't even apologise",
    ],
    "anger": [
        "Shameful",
        "Unacceptable",
        "Disgusting",
        "Unbelievable",
        "This is serious",
        "Outrageous",
    ],
    "sym": ["That's awful", "Oh no", "Wow, so sorry", "Ugh, terrible", "That's bad"],
    "illness": [
        "vomiting all night",
        "in the ER",
        "with food poisoning",
        "sick for two days",
        "in hospital",
    ],
    "group": [
        "my family and I",
        "my partner and I",
        "four of us",
        "my kids and I",
        "the whole table",
    ],
    "news_outlet": ["Local press reports", "Breaking", "Health officials say", "Reports from"],
    "insult_word": ["clowns", "thieves", "idiots", "morons", "losers"],
    "defend": [
        "I've always eaten well at {brand}",
        "Never had a problem at {brand}",
        "You're exaggerating, {brand} is great",
        "I'm very happy with {brand}",
    ],
}

TEMPLATES_EN: dict[str, list[str]] = {
    "praise": [
        "{greeting}{brand} is (the best|my favourite place|always a good call)[ {emoji_pos}]",
        "(What a|Such a) {product} at {brand}[ in {place}], {pos_adj}[ {emoji_pos}]",
        "(Thanks|Thank you so much) {handle} for (the service|the quick delivery|being so kind)[ {emoji_pos}]",
        "I recommend {brand} (to everyone|without a doubt|100%)[. The {product} is {pos_adj}]",
        "(Dinner|Lunch) at {brand}[ with {company}]: {pos_adj}[ {emoji_pos}]",
        "The new {product} at {brand} is {pos_adj}[, will be back][ {emoji_pos}]",
        "(Love|We love) {brand}[ in {place}][, staff always {intens} friendly][ {emoji_pos}]",
    ],
    "question": [
        "What time does {brand} in {place} (open|close)?",
        "{handle} do you deliver to {city}?",
        "Does anyone know if {brand} has (gluten free|vegan) options?",
        "{handle} how can I (change|cancel) an order I just placed?",
        "Is {brand} in {place} any good? Worth it?",
    ],
    "news": [
        "{brand} to open (a new restaurant|its {n}0th location) in {city} (this month|this year)",
        "{brand} (launches|unveils) (a new {product}|its seasonal menu|a new app)",
        "{brand} (hiring|to hire) {n}0 people in {city}",
    ],
    "neutral": [
        "(Meeting|Meet me) at the {brand} in {place}[ at {n}]",
        "At {brand}[ with {company}][, more later]",
        "{brand} or pizza tonight? (Tough call|Decisions)",
    ],
    "complaint_light": [
        "(A bit|Quite) slow service today at {brand} in {place}[ {emoji_neg}]",
        "The {product} at {brand} isn't what it used to be[ {emoji_neg}]",
        "{handle} my order arrived (incomplete|cold), how do I fix it?",
        "{brand} keeps getting more expensive[ {emoji_neg}]",
    ],
    "complaint_strong": [
        "({neg_adj}|Terrible) service at {brand} in {place}. {wait} and {problem}. Never again[ {emoji_neg}]",
        "{handle} I've been waiting {n} days for (a refund|an answer) and nobody replies. {anger}",
        "{brand} is {neg_adj}. {problem} and (no one cares|not even an apology). {anger}",
    ],
    "sarcasm": [
        "(Great|Fantastic|Perfect), another {minutes} minutes waiting at {brand}. Thanks for nothing[ {emoji_neg}]",
        "Love how {brand} (charged me twice|forgot half my order). (Great service|Nice touch) 🙄",
    ],
    "insult": [
        "{handle} you are {insult_word}[ {emoji_neg}]",
        "{brand} staff are a bunch of {insult_word}",
    ],
    "threat": ["{handle} refund me or I'll burn your place down"],
    "boycott": [
        "Nobody should eat at {brand} until they explain what happened[ {tag}]",
        "(Boycott|#Boycott) {brand} (now|until they own up)[. {anger}]",
    ],
    "reply_support": [
        "{sym}, hope they sort it out",
        "{sym}. (DM them|File a complaint), they usually answer",
    ],
    "reply_defend": ["{defend}", "{defend}[, maybe a bad day]"],
    "reply_agree": [
        "(Same here|Me too|Same thing happened to me)[ at {brand} in {place}][. {anger}]"
    ],
    "quote_comment": [
        "(This is serious|Wow, {brand}|Look at this)[. {handle} (explain yourselves|what do you have to say?)]"
    ],
    "health_origin": [
        "(Warning|Heads up): {group} ate at {brand} in {place} on {day} and (all ended up|ended up) {illness}. (Anyone else?|Be careful.)",
    ],
    "health_joinin": [
        "(Me too|Same here|Same): ate at {brand}[ in {place}] (on {day}|this week) and ended up {illness}[. {anger}]",
        "(My son|My partner|My roommate) ended up {illness} after eating at {brand}. {anger}",
    ],
    "health_amplify": [
        "I'm getting (dozens of|so many) messages from people who got sick after eating at {brand} in {place}. {handle} (what is going on?|explain NOW)",
    ],
    "health_news": [
        "{news_outlet}: (several|dozens of) people treated for food poisoning after eating at {brand} in {place}"
    ],
}

#: what a brand of a sector sells and where, when the scenario does not say
SECTOR_SLOTS: dict[str, dict[str, dict[str, list[str]]]] = {
    "restaurant": {
        "es": {
            "el_product": [
                "la hamburguesa doble",
                "el menú infantil",
                "la hamburguesa vegana",
                "el batido de fresa",
                "la ración de patatas",
                "la hamburguesa clásica",
                "el menú del día",
            ],
            "un_product": [
                "una hamburguesa doble",
                "un menú infantil",
                "una hamburguesa vegana",
                "un batido",
                "una ración de patatas",
                "una hamburguesa clásica",
                "un menú del día",
            ],
            "place": [
                "Gran Vía",
                "la plaza Mayor",
                "Nervión",
                "el centro comercial",
                "la estación",
                "Ruzafa",
                "Malasaña",
                "la calle Larios",
            ],
            "city": [
                "Madrid",
                "Valencia",
                "Sevilla",
                "Málaga",
                "Zaragoza",
                "Bilbao",
                "Barcelona",
                "Murcia",
            ],
        },
        "en": {
            "product": [
                "burger",
                "double burger",
                "meal deal",
                "fries",
                "vegan burger",
                "milkshake",
                "kids menu",
            ],
            "place": [
                "Gran Vía",
                "the mall",
                "the station",
                "downtown",
                "Ruzafa",
                "the high street",
            ],
            "city": ["Madrid", "Valencia", "Seville", "Malaga", "London", "Dublin"],
        },
    },
}
