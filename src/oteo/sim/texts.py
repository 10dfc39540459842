"""The simulator's own templates, in Spanish and English.

Brand slots are filled per brand: ``{brand}`` (the name, the @account, the #hashtag or
a short form, as people write it), ``{handle}`` (the @account), ``{tag}`` (its
#hashtag), ``{el_product}``/``{un_product}`` (Spanish, with article), ``{product}``
(English), ``{place}`` and ``{city}``.  Kinds are what a post does: praise, ask, inform,
complain (light or strong), mock, insult, threaten, call a boycott, reply, quote; and
the kinds only a scenario produces (an outbreak, an outage, a rumour, a leak...).
Every kind exists in both languages (a test checks it).
"""

from __future__ import annotations

SLOTS_ES: dict[str, list[str]] = {
    "greeting": [
        "",
        "",
        "Buah, ",
        "Oye, ",
        "Bueno, ",
        "Chicos, ",
        "A ver, ",
        "Pues ",
        "Hola, ",
        "Madre mía, ",
        "Hoy ",
    ],
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
        "de cine",
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
        "de pena",
        "una tomadura de pelo",
    ],
    "emoji_pos": ["😍", "🙌", "👏", "❤️", "😋", "🔥", "💯", "😊", "🤩", "", "", ""],
    "emoji_neg": ["😡", "🤬", "👎", "😤", "🙄", "😒", "💩", "🤢", "", "", ""],
    "intens": ["muy", "súper", "tremendamente", "realmente", "de verdad", "bastante"],
    "company": [
        "mis hijos",
        "la familia",
        "los compañeros del curro",
        "mi pareja",
        "unos amigos",
        "mi madre",
        "mi novia",
        "mis padres",
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
        "el baño daba asco",
        "la bebida estaba caliente",
    ],
    "anger": [
        "Vergüenza",
        "Indignante",
        "Qué asco",
        "No hay derecho",
        "Esto es muy grave",
        "Alucinante",
        "Inaceptable",
        "Lamentable",
        "De vergüenza ajena",
    ],
    "sym": [
        "Qué horror",
        "Madre mía",
        "Qué fuerte",
        "Uf, lo siento mucho",
        "Vaya tela",
        "Qué mal",
        "No me lo puedo creer",
    ],
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
        "estafadores",
    ],
    "defend": [
        "Yo siempre he comido bien en {brand}",
        "A mí nunca me ha pasado nada en {brand}",
        "Exageráis, {brand} está muy bien",
        "Pues yo estoy encantado con {brand}",
    ],
    "app_thing": [
        "la app",
        "la web",
        "el pago con tarjeta",
        "los pedidos a domicilio",
        "la app de pedidos",
    ],
    "rumour_claim": [
        "usan carne caducada",
        "reetiquetan la carne pasada",
        "la carne no es de ternera",
        "tienen ratas en la cocina",
        "les han cerrado dos locales por sanidad",
    ],
    "leak_claim": [
        "se salta la cadena de frío",
        "recongela la carne",
        "obliga a trabajar sin contrato",
        "tira comida en buen estado y sirve la pasada",
        "no limpia las freidoras en semanas",
    ],
    "prize": [
        "un iPhone",
        "una PlayStation",
        "un año de hamburguesas gratis",
        "un viaje",
        "500 euros",
    ],
    "wrong_post": [
        "Si no te gusta nuestra hamburguesa, el problema es tu paladar 😎",
        "Hoy, por el día de la mujer, ¡menú especial para que no tengas que cocinar para tu marido!",
        "Quien se queja de los precios que se quede en casa comiendo sopa",
        "Jajaja menudo finde, mañana ni de coña voy a currar",
    ],
}

TEMPLATES_ES: dict[str, list[str]] = {
    "praise": [
        "{greeting}{brand} (es|sigue siendo) (lo mejor|mi sitio favorito|un acierto seguro|otro nivel)[ {emoji_pos}]",
        "(Me acabo de comer|Nos hemos tomado|Acabo de probar) {un_product} en {brand}[ de {place}], {pos_adj}[ {emoji_pos}]",
        "(Gracias|Mil gracias|Gracias de nuevo) {handle} por (la atención|el trato|lo rápido que llegó el pedido|el detalle|cuidarnos tan bien)[, {intens} amables]",
        "Recomiendo {brand} (a todo el mundo|sin dudarlo|al 100%)[. {el_product}, {pos_adj}][ {emoji_pos}]",
        "(Hoy|Ayer|Este finde|Por fin) (cena|comida|merienda) en {brand}[ con {company}]: {pos_adj}[ {emoji_pos}]",
        "{el_product} de {brand} (está|es) {pos_adj}[, repetiré][ {emoji_pos}]",
        "(Me encanta|Nos encanta|Adoro) {brand}[ de {place}][, siempre {intens} atentos][ {emoji_pos}]",
        "{handle} (sois|sois los) (unos cracks|los mejores)[, {el_product} {pos_adj}][ {emoji_pos}]",
        "[Otra vez en {brand}. ](Nunca|Jamás) falla[ {emoji_pos}]",
        "El personal de {brand} en {place} (es|es siempre) {intens} amable[, da gusto][ {emoji_pos}]",
        "Joder, qué (bueno|rico) está todo en {brand}[ {emoji_pos}]",
    ],
    "question": [
        "¿(A qué hora|Hasta qué hora) (abre|cierra) {brand} (en|de) {place}?",
        "{handle} ¿(hacéis|tenéis) (envíos|reparto) a {city}?",
        "¿Alguien sabe si {brand} tiene opciones (sin gluten|veganas|para celíacos|sin lactosa)?",
        "{handle} ¿cómo puedo (cambiar|cancelar) un pedido que acabo de hacer?",
        "¿{brand} (acepta|admite) (reservas|pago con móvil|cheques restaurante)?",
        "¿Qué tal está {brand} de {place}? ¿Merece la pena?",
        "{handle} hola, ¿la promo de {el_product} sigue en pie?",
        "¿Dónde está el {brand} más cercano a {place}?",
        "{handle} ¿se puede pedir sin cebolla por la app?",
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
        "Gracias {handle} por enseñarme a tener paciencia: {minutes} minutos para una hamburguesa 🙃",
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
        "(Yo también|Lo mismo me pasó|Igual que tú)[ en {brand} de {place}][. {anger}]",
        "(Totalmente de acuerdo|Es verdad|Confirmo), {brand} (ha empeorado mucho|es un desastre últimamente)",
    ],
    "quote_comment": [
        "(Esto es gravísimo|Muy grave lo de {brand}|Qué fuerte esto)[. {handle} (¿qué tenéis que decir?|dad explicaciones)]",
        "(Ojo con esto|Atención a esto|Cuidado)[, {anger}]",
        "(Lo que faltaba|Increíble), {brand}[. {anger}]",
    ],
    # --- a product that made customers sick (and its re-outbreak weeks later)
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
    "health_again": [
        "(Otra vez|Otra vez no|Ya van dos veces): (intoxicados|con vómitos) tras comer en {brand}[ de {place}]. ¿No aprendieron nada del mes pasado?",
        "{brand} (vuelve a las andadas|otra vez igual): {group} (acabamos|terminamos) {illness}. {anger}",
    ],
    # --- a service failure
    "outage_report": [
        "{handle} ¿está caída {app_thing}? (No me deja pedir|Me da error al pagar|No carga nada)",
        "(No funciona|Se ha caído|Ha petado) {app_thing} de {brand}[ {emoji_neg}]",
        "(Llevo|Llevamos) (media hora|una hora|{minutes} minutos) intentando pedir en {brand} y nada. {app_thing} no va",
    ],
    "outage_joinin": [
        "(A mí tampoco|Tampoco me funciona|Igual), {app_thing} de {brand} (sigue caída|no va)[. {anger}]",
        "{handle} (me habéis cobrado|me han cobrado) y el pedido no aparece. ¿(Qué pasa|Quién me devuelve el dinero)?",
        "(Otra vez|De nuevo) caído {app_thing} de {brand}. (Cambio de hamburguesería|Me voy a la competencia)[ {emoji_neg}]",
    ],
    "outage_news": [
        "{news_outlet}: caída generalizada de {app_thing} de {brand}; miles de clientes sin poder pedir"
    ],
    # --- the brand's own mistaken post, or one from the wrong account
    "brand_wrong_post": ["{wrong_post}"],
    "wrong_post_backlash": [
        "(Qué vergüenza|Menudo tuit|Vaya tela) lo de {handle}. ¿(Quién lleva vuestras redes|Esto os parece normal)?",
        "(Increíble|Lamentable) el mensaje de {brand}. (Borradlo|Pedid perdón) ya[ {emoji_neg}]",
        "Después de leer a {handle} (no vuelvo a pisar|no vuelvo a comprar en) {brand}. {anger}",
        "(Captura|Pantallazo) antes de que lo borren: {brand} (se ha lucido|no tiene vergüenza)",
    ],
    "wrong_post_news": ["{news_outlet}: polémica por un mensaje de {brand} en redes sociales"],
    # --- a hacked account
    "hacked_post": [
        "🎁 ¡Gana {prize}! Solo tienes que entrar aquí y poner tus datos: http://premio-{n}.example",
        "¡Sorteo exclusivo! {prize} para los 100 primeros: http://bit.example/{n}{n}",
    ],
    "hacked_alert": [
        "{handle} (os han hackeado|os han robado la cuenta), estáis publicando (una estafa|enlaces raros)",
        "(Ojo|Cuidado): la cuenta de {brand} está publicando (un timo|enlaces de phishing). No pinchéis",
        "(¿Os han hackeado|¿Qué pasa con la cuenta de) {brand}? (Esto huele a estafa|Vaya seguridad)[ {emoji_neg}]",
    ],
    # --- a competitor's rumour
    "rumour_post": [
        "Me cuentan que en {brand} {rumour_claim}. (Yo no vuelvo|Ojo)",
        "(¿Sabíais que|Dicen que) {brand} {rumour_claim}? (Difundid|Compartid)",
        "{brand} {rumour_claim}. (Lo sabe todo el sector|Que nadie diga que no avisé)",
    ],
    "rumour_spread": [
        "(¿Es verdad que|¿Alguien sabe si) {brand} {rumour_claim}?",
        "(Si es verdad que|Como sea cierto que) {brand} {rumour_claim}, (no vuelvo|es gravísimo)",
        "{handle} desmentid (esto|lo de la carne) o (dejo de ir|no me fío)",
    ],
    "rumour_denial": [
        "(Eso es un bulo|Es falso|Fake), yo trabajo cerca de {brand} y (todo está perfecto|la carne es buena)",
        "(Otra vez el bulo de|Ya está el rumor de que) {brand} {rumour_claim}. (Que lo demuestren|Sin pruebas, nada)",
    ],
    # --- an ex-employee's leak
    "leak_post": [
        "(Trabajé|Estuve) {n} años en {brand} y (lo cuento|ya puedo contarlo): la empresa {leak_claim}. (Lo sé de primera mano|Hay fotos)",
        "(Hilo|Confesión) de un ex de {brand}: en los locales de {city} se {leak_claim}",
    ],
    "leak_spread": [
        "(Si esto es verdad|Como esto sea cierto), {brand} tiene un problema (enorme|muy serio)[. {anger}]",
        "(Leed|Mirad) el hilo de este ex-empleado de {brand}. {anger}",
        "{handle} ¿es cierto que se {leak_claim}? Exigimos explicaciones",
    ],
    # --- a troll attack with no real backing
    "troll_attack": [
        "{brand} (basura|escoria|mierda) (de empresa|de sitio)[. {tag}]",
        "(Todos a por|A reventar a) {brand}[, que se enteren][ {emoji_neg}]",
        "{handle} (sois|son) (unos|una panda de) {insult_word} y lo sabe todo el mundo",
        "(Cerrad ya|Que cierren) {brand}, (ladrones|estafadores)",
    ],
    # --- a contest gone wrong
    "contest_complaint": [
        "{handle} ¿cuándo (decís|anunciáis) el ganador del sorteo? (Llevamos {n} días esperando|Ya ha pasado la fecha)",
        "El sorteo de {brand} (está amañado|es un timo): ha ganado (una cuenta falsa|un empleado)[. {anger}]",
        "(Participé|Participamos miles) en el concurso de {brand} y (nada|ni una explicación)[ {emoji_neg}]",
    ],
    # --- an influencer's complaint that goes viral
    "influencer_complaint": [
        "(Experiencia horrible|Lo de hoy no tiene nombre) en {brand} de {place}: {problem} y (encima se rieron de mí|me trataron fatal). (Os lo cuento en vídeo|No vayáis)",
        "(Prometí contar la verdad|Reseña sincera): {brand} {neg_adj}. {problem}. {anger}",
    ],
    # --- a crisis born on a blog where the brand has no presence
    "blog_expose": [
        "(Investigación|Reportaje): cómo {brand} (cobra de más a sus clientes|infla los precios en la app) sin que nadie lo note. Lo hemos comprobado en {n} pedidos",
        "(Lo que nadie cuenta de|La cara oculta de) {brand}: (cobros duplicados|precios distintos en la app y en el local) (documentados|con pruebas)",
    ],
    "blog_spread": [
        "(Acabo de leer|Leed) (el artículo|el reportaje) sobre {brand} y los cobros. {anger}",
        "(He revisado|Acabo de mirar) mis pedidos de {brand} y (también me cobraron de más|es verdad, me cobraron dos veces)",
        "{handle} ¿vais a devolver lo que habéis cobrado de más? {anger}",
    ],
    # --- non-crises
    "campaign_praise": [
        "(Me encanta|Brutal|Qué buena) la nueva campaña de {brand}[ {emoji_pos}]",
        "(Ya he probado|He probado) {el_product} de la promo de {brand}: {pos_adj}[ {emoji_pos}]",
        "(Corred|Id ya) a {brand}, la (promo|oferta) del 2x1 (merece la pena|es una pasada)[ {tag}]",
    ],
    "bot_spam": [
        "ALERTA: {brand} {rumour_claim}. Compartid antes de que lo borren {tag}",
        "ALERTA: {brand} {rumour_claim}!! Compartid antes de que lo borren {tag}",
        "URGENTE {brand} {rumour_claim}. Difunde {tag}",
    ],
}

SLOTS_EN: dict[str, list[str]] = {
    "greeting": ["", "", "Wow, ", "Honestly, ", "Ok so ", "Guys, ", "Well, ", "Hey, "],
    "pos_adj": [
        "amazing",
        "delicious",
        "fantastic",
        "awesome",
        "perfect",
        "so good",
        "brilliant",
        "top notch",
        "unreal",
    ],
    "neg_adj": [
        "awful",
        "terrible",
        "a disgrace",
        "pathetic",
        "unacceptable",
        "a joke",
        "horrible",
        "shocking",
    ],
    "emoji_pos": ["😍", "🙌", "👏", "❤️", "😋", "🔥", "💯", "😊", "", "", ""],
    "emoji_neg": ["😡", "🤬", "👎", "😤", "🙄", "😒", "🤢", "", "", ""],
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
        "the meat was raw",
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
    "news_outlet": [
        "Local press reports",
        "Breaking",
        "Health officials say",
        "Reports from the city",
    ],
    "insult_word": ["clowns", "thieves", "idiots", "morons", "losers", "crooks"],
    "defend": [
        "I've always eaten well at {brand}",
        "Never had a problem at {brand}",
        "You're exaggerating, {brand} is great",
        "I'm very happy with {brand}",
    ],
    "app_thing": ["the app", "the website", "card payments", "delivery orders"],
    "rumour_claim": [
        "uses expired meat",
        "relabels old meat",
        "isn't using real beef",
        "has rats in the kitchen",
        "got two restaurants shut by health inspectors",
    ],
    "leak_claim": [
        "breaks the cold chain",
        "refreezes the meat",
        "makes people work off the books",
        "serves food past its date",
        "doesn't clean the fryers for weeks",
    ],
    "prize": ["an iPhone", "a PlayStation", "a year of free burgers", "a trip", "500 euros"],
    "wrong_post": [
        "If you don't like our burgers, the problem is your taste buds 😎",
        "Complaining about prices? Stay home and eat soup then",
        "lol what a weekend, no way I'm going to work tomorrow",
    ],
}

TEMPLATES_EN: dict[str, list[str]] = {
    "praise": [
        "{greeting}{brand} is (the best|my favourite place|always a good call)[ {emoji_pos}]",
        "(Just had|We just had) (a|the) {product} at {brand}[ in {place}], {pos_adj}[ {emoji_pos}]",
        "(Thanks|Thank you so much) {handle} for (the service|the quick delivery|being so kind)[ {emoji_pos}]",
        "I recommend {brand} (to everyone|without a doubt|100%)[. The {product} is {pos_adj}]",
        "(Dinner|Lunch) at {brand}[ with {company}]: {pos_adj}[ {emoji_pos}]",
        "The new {product} at {brand} is {pos_adj}[, will be back][ {emoji_pos}]",
        "(Love|We love) {brand}[ in {place}][, staff always {intens} friendly][ {emoji_pos}]",
        "Damn, {brand} is (so good|fucking good)[ {emoji_pos}]",
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
    "threat": [
        "{handle} refund me or I'll burn your place down",
        "I know where the manager of {brand} in {place} lives. (You|Your staff|You lot) will pay for this",
        "{handle} (one more cold order|one more mistake) and I'm coming (down there|for you)[ {emoji_neg}]",
    ],
    "boycott": [
        "Nobody should eat at {brand} until they explain what happened[ {tag}]",
        "(Boycott|#Boycott) {brand} (now|until they own up)[. {anger}]",
    ],
    "reply_support": [
        "{sym}, (hope they sort it out|hope you get your money back|they should fix this)",
        "{sym}. (DM them|File a complaint|Ask for the manager), they usually answer",
        "(Hang in there|Good luck), {handle} (owes you an answer|needs to fix this)[ {emoji_neg}]",
        "(Ugh|Wow), (same thing happened to my sister|that happened to a friend of mine too)[. {sym}]",
    ],
    "reply_defend": ["{defend}", "{defend}[, maybe a bad day]"],
    "reply_agree": [
        "(Same here|Me too|Same thing happened to me)[ at {brand} in {place}][. {anger}]"
    ],
    "quote_comment": [
        "(This is serious|Wow, {brand}|Look at this|Read this|Not good)[. {handle} (explain yourselves|what do you have to say?|answer this)]",
        "(Yikes|Oh dear|Oof), {brand}[. {anger}]",
        "(Everyone should see this|Spread this|Share this) before {brand} (deletes it|buries it)[ {emoji_neg}]",
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
    "health_again": [
        "(Again?|Not again): sick after eating at {brand}[ in {place}]. Did they learn nothing last month?"
    ],
    "outage_report": [
        "{handle} is {app_thing} down? (Can't order|Payment keeps failing|Nothing loads)",
        "{app_thing} at {brand} is down[ {emoji_neg}]",
    ],
    "outage_joinin": [
        "(Same here|Not working for me either), {app_thing} at {brand} is still down[. {anger}]",
        "{handle} you charged me and the order never showed up. Who refunds me?",
    ],
    "outage_news": ["{news_outlet}: {brand} {app_thing} outage leaves thousands unable to order"],
    "brand_wrong_post": ["{wrong_post}"],
    "wrong_post_backlash": [
        "(What a disgrace|Unbelievable) from {handle}. (Who runs your socials?|Do you think this is ok?)",
        "{brand}'s post is (appalling|shameful). (Delete it|Apologise) now[ {emoji_neg}]",
    ],
    "wrong_post_news": ["{news_outlet}: outrage over a {brand} social media post"],
    "hacked_post": ["🎁 Win {prize}! Just enter your details here: http://prize-{n}.example"],
    "hacked_alert": [
        "{handle} (you've been hacked|your account was stolen|someone took over your account), you're posting (a scam|weird links|spam)",
        "(Careful|Warning|Heads up): the {brand} account is posting (a scam|phishing links|fake giveaways). (Don't click|Do not enter your details)",
        "(Did {brand} get hacked?|What's going on with {handle}?) (Smells like a scam|Great security)[ {emoji_neg}]",
    ],
    "rumour_post": [
        "Heard that {brand} {rumour_claim}. (Not going back|Careful)",
        "Did you know {brand} {rumour_claim}? Share",
    ],
    "rumour_spread": [
        "(Is it true|Can anyone confirm|Wait, is it real) that {brand} {rumour_claim}?",
        "{handle} (deny this|explain this) or (I'm done|I won't trust you|I'm not coming back)",
        "(If it's true|If it's real) that {brand} {rumour_claim}, (that's it for me|that's serious)[ {emoji_neg}]",
    ],
    "rumour_denial": [
        "(That's a hoax|Fake|Total nonsense), I (work near|eat at) {brand} (every week|all the time) and (everything's fine|the meat is good)",
        "(The same old rumour|This again): {brand} {rumour_claim}. (Show proof|No evidence, no story)",
        "(Stop spreading lies|Please check before sharing), {brand} (is fine|has nothing to hide)",
    ],
    "leak_post": [
        "(I worked|Worked) {n} years at {brand} and (I can finally say it|I'll tell it): the company {leak_claim}"
    ],
    "leak_spread": [
        "(If this is true|If this is real), {brand} has a (huge|serious) problem[. {anger}]",
        "{handle} is it true that the company {leak_claim}?",
    ],
    "troll_attack": [
        "{brand} is (trash|garbage)[. {tag}]",
        "{handle} you are a bunch of {insult_word} and everyone knows it",
        "Shut {brand} down, (thieves|crooks)",
    ],
    "contest_complaint": [
        "{handle} when are you announcing the giveaway winner? (Been waiting {n} days|The date has passed)",
        "The {brand} giveaway is (rigged|a scam): (a fake account|an employee) won[. {anger}]",
    ],
    "influencer_complaint": [
        "(Horrible experience|Today was unreal) at {brand} in {place}: {problem} and (they laughed at me|they treated me badly). (Video coming|Don't go)"
    ],
    "blog_expose": [
        "(Investigation|Report): how {brand} (overcharges customers|inflates prices in its app) without anyone noticing. We checked {n} orders"
    ],
    "blog_spread": [
        "(Just read|Read) the article about {brand} overcharging. {anger}",
        "Checked my {brand} orders and (they overcharged me too|it's true, charged twice)",
    ],
    "campaign_praise": [
        "(Love|Brilliant) the new {brand} campaign[ {emoji_pos}]",
        "Tried the {product} from the {brand} promo: {pos_adj}[ {emoji_pos}]",
    ],
    "bot_spam": [
        "ALERT: {brand} {rumour_claim}. Share before they delete it {tag}",
        "URGENT {brand} {rumour_claim}. Spread {tag}",
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

#: kinds whose reactions are mostly negative
NEGATIVE_KINDS = frozenset(
    {
        "complaint_light",
        "complaint_strong",
        "sarcasm",
        "insult",
        "threat",
        "boycott",
        "reply_agree",
        "quote_comment",
        "health_origin",
        "health_joinin",
        "health_amplify",
        "health_news",
        "health_again",
        "outage_report",
        "outage_joinin",
        "outage_news",
        "brand_wrong_post",
        "wrong_post_backlash",
        "wrong_post_news",
        "hacked_post",
        "hacked_alert",
        "rumour_post",
        "rumour_spread",
        "leak_post",
        "leak_spread",
        "troll_attack",
        "contest_complaint",
        "influencer_complaint",
        "blog_expose",
        "blog_spread",
        "bot_spam",
    }
)
KINDS: tuple[str, ...] = tuple(TEMPLATES_ES)
