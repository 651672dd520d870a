const t=globalThis,e=t.ShadowRoot&&(void 0===t.ShadyCSS||t.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,s=Symbol(),i=new WeakMap;let n=class{constructor(t,e,i){if(this._$cssResult$=!0,i!==s)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e}get styleSheet(){let t=this.o;const s=this.t;if(e&&void 0===t){const e=void 0!==s&&1===s.length;e&&(t=i.get(s)),void 0===t&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),e&&i.set(s,t))}return t}toString(){return this.cssText}};const r=(t,...e)=>{const i=1===t.length?t[0]:e.reduce((e,s,i)=>e+(t=>{if(!0===t._$cssResult$)return t.cssText;if("number"==typeof t)return t;throw Error("Value passed to 'css' function must be a 'css' function result: "+t+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(s)+t[i+1],t[0]);return new n(i,t,s)},a=e?t=>t:t=>t instanceof CSSStyleSheet?(t=>{let e="";for(const s of t.cssRules)e+=s.cssText;return(t=>new n("string"==typeof t?t:t+"",void 0,s))(e)})(t):t,{is:o,defineProperty:h,getOwnPropertyDescriptor:l,getOwnPropertyNames:c,getOwnPropertySymbols:u,getPrototypeOf:d}=Object,p=globalThis,m=p.trustedTypes,f=m?m.emptyScript:"",g=p.reactiveElementPolyfillSupport,v=(t,e)=>t,y={toAttribute(t,e){switch(e){case Boolean:t=t?f:null;break;case Object:case Array:t=null==t?t:JSON.stringify(t)}return t},fromAttribute(t,e){let s=t;switch(e){case Boolean:s=null!==t;break;case Number:s=null===t?null:Number(t);break;case Object:case Array:try{s=JSON.parse(t)}catch(t){s=null}}return s}},b=(t,e)=>!o(t,e),w={attribute:!0,type:String,converter:y,reflect:!1,useDefault:!1,hasChanged:b};Symbol.metadata??=Symbol("metadata"),p.litPropertyMetadata??=new WeakMap;let _=class extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,e=w){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(t)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(t,e),!e.noAccessor){const s=Symbol(),i=this.getPropertyDescriptor(t,s,e);void 0!==i&&h(this.prototype,t,i)}}static getPropertyDescriptor(t,e,s){const{get:i,set:n}=l(this.prototype,t)??{get(){return this[e]},set(t){this[e]=t}};return{get:i,set(e){const r=i?.call(this);n?.call(this,e),this.requestUpdate(t,r,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(t){return this.elementProperties.get(t)??w}static _$Ei(){if(this.hasOwnProperty(v("elementProperties")))return;const t=d(this);t.finalize(),void 0!==t.l&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties)}static finalize(){if(this.hasOwnProperty(v("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(v("properties"))){const t=this.properties,e=[...c(t),...u(t)];for(const s of e)this.createProperty(s,t[s])}const t=this[Symbol.metadata];if(null!==t){const e=litPropertyMetadata.get(t);if(void 0!==e)for(const[t,s]of e)this.elementProperties.set(t,s)}this._$Eh=new Map;for(const[t,e]of this.elementProperties){const s=this._$Eu(t,e);void 0!==s&&this._$Eh.set(s,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(t){const e=[];if(Array.isArray(t)){const s=new Set(t.flat(1/0).reverse());for(const t of s)e.unshift(a(t))}else void 0!==t&&e.push(a(t));return e}static _$Eu(t,e){const s=e.attribute;return!1===s?void 0:"string"==typeof s?s:"string"==typeof t?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this))}addController(t){(this._$EO??=new Set).add(t),void 0!==this.renderRoot&&this.isConnected&&t.hostConnected?.()}removeController(t){this._$EO?.delete(t)}_$E_(){const t=new Map,e=this.constructor.elementProperties;for(const s of e.keys())this.hasOwnProperty(s)&&(t.set(s,this[s]),delete this[s]);t.size>0&&(this._$Ep=t)}createRenderRoot(){const s=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return((s,i)=>{if(e)s.adoptedStyleSheets=i.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(const e of i){const i=document.createElement("style"),n=t.litNonce;void 0!==n&&i.setAttribute("nonce",n),i.textContent=e.cssText,s.appendChild(i)}})(s,this.constructor.elementStyles),s}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(t=>t.hostConnected?.())}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.())}attributeChangedCallback(t,e,s){this._$AK(t,s)}_$ET(t,e){const s=this.constructor.elementProperties.get(t),i=this.constructor._$Eu(t,s);if(void 0!==i&&!0===s.reflect){const n=(void 0!==s.converter?.toAttribute?s.converter:y).toAttribute(e,s.type);this._$Em=t,null==n?this.removeAttribute(i):this.setAttribute(i,n),this._$Em=null}}_$AK(t,e){const s=this.constructor,i=s._$Eh.get(t);if(void 0!==i&&this._$Em!==i){const t=s.getPropertyOptions(i),n="function"==typeof t.converter?{fromAttribute:t.converter}:void 0!==t.converter?.fromAttribute?t.converter:y;this._$Em=i;const r=n.fromAttribute(e,t.type);this[i]=r??this._$Ej?.get(i)??r,this._$Em=null}}requestUpdate(t,e,s,i=!1,n){if(void 0!==t){const r=this.constructor;if(!1===i&&(n=this[t]),s??=r.getPropertyOptions(t),!((s.hasChanged??b)(n,e)||s.useDefault&&s.reflect&&n===this._$Ej?.get(t)&&!this.hasAttribute(r._$Eu(t,s))))return;this.C(t,e,s)}!1===this.isUpdatePending&&(this._$ES=this._$EP())}C(t,e,{useDefault:s,reflect:i,wrapped:n},r){s&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,r??e??this[t]),!0!==n||void 0!==r)||(this._$AL.has(t)||(this.hasUpdated||s||(e=void 0),this._$AL.set(t,e)),!0===i&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}const t=this.scheduleUpdate();return null!=t&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(const[t,e]of this._$Ep)this[t]=e;this._$Ep=void 0}const t=this.constructor.elementProperties;if(t.size>0)for(const[e,s]of t){const{wrapped:t}=s,i=this[e];!0!==t||this._$AL.has(e)||void 0===i||this.C(e,void 0,s,i)}}let t=!1;const e=this._$AL;try{t=this.shouldUpdate(e),t?(this.willUpdate(e),this._$EO?.forEach(t=>t.hostUpdate?.()),this.update(e)):this._$EM()}catch(e){throw t=!1,this._$EM(),e}t&&this._$AE(e)}willUpdate(t){}_$AE(t){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(t)),this.updated(t)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return!0}update(t){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(t){}firstUpdated(t){}};_.elementStyles=[],_.shadowRootOptions={mode:"open"},_[v("elementProperties")]=new Map,_[v("finalized")]=new Map,g?.({ReactiveElement:_}),(p.reactiveElementVersions??=[]).push("2.1.2");const $=globalThis,x=t=>t,N=$.trustedTypes,M=N?N.createPolicy("lit-html",{createHTML:t=>t}):void 0,k="$lit$",S=`lit$${Math.random().toFixed(9).slice(2)}$`,A="?"+S,T=`<${A}>`,z=document,C=()=>z.createComment(""),I=t=>null===t||"object"!=typeof t&&"function"!=typeof t,E=Array.isArray,O="[ \t\n\f\r]",P=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,R=/-->/g,F=/>/g,U=RegExp(`>|${O}(?:([^\\s"'>=/]+)(${O}*=${O}*(?:[^ \t\n\f\r"'\`<>=]|("|')|))|$)`,"g"),D=/'/g,L=/"/g,j=/^(?:script|style|textarea|title)$/i,H=t=>(e,...s)=>({_$litType$:t,strings:e,values:s}),B=H(1),q=H(2),W=Symbol.for("lit-noChange"),V=Symbol.for("lit-nothing"),J=new WeakMap,G=z.createTreeWalker(z,129);function Z(t,e){if(!E(t)||!t.hasOwnProperty("raw"))throw Error("invalid template strings array");return void 0!==M?M.createHTML(e):e}const K=(t,e)=>{const s=t.length-1,i=[];let n,r=2===e?"<svg>":3===e?"<math>":"",a=P;for(let e=0;e<s;e++){const s=t[e];let o,h,l=-1,c=0;for(;c<s.length&&(a.lastIndex=c,h=a.exec(s),null!==h);)c=a.lastIndex,a===P?"!--"===h[1]?a=R:void 0!==h[1]?a=F:void 0!==h[2]?(j.test(h[2])&&(n=RegExp("</"+h[2],"g")),a=U):void 0!==h[3]&&(a=U):a===U?">"===h[0]?(a=n??P,l=-1):void 0===h[1]?l=-2:(l=a.lastIndex-h[2].length,o=h[1],a=void 0===h[3]?U:'"'===h[3]?L:D):a===L||a===D?a=U:a===R||a===F?a=P:(a=U,n=void 0);const u=a===U&&t[e+1].startsWith("/>")?" ":"";r+=a===P?s+T:l>=0?(i.push(o),s.slice(0,l)+k+s.slice(l)+S+u):s+S+(-2===l?e:u)}return[Z(t,r+(t[s]||"<?>")+(2===e?"</svg>":3===e?"</math>":"")),i]};class X{constructor({strings:t,_$litType$:e},s){let i;this.parts=[];let n=0,r=0;const a=t.length-1,o=this.parts,[h,l]=K(t,e);if(this.el=X.createElement(h,s),G.currentNode=this.el.content,2===e||3===e){const t=this.el.content.firstChild;t.replaceWith(...t.childNodes)}for(;null!==(i=G.nextNode())&&o.length<a;){if(1===i.nodeType){if(i.hasAttributes())for(const t of i.getAttributeNames())if(t.endsWith(k)){const e=l[r++],s=i.getAttribute(t).split(S),a=/([.?@])?(.*)/.exec(e);o.push({type:1,index:n,name:a[2],strings:s,ctor:"."===a[1]?st:"?"===a[1]?it:"@"===a[1]?nt:et}),i.removeAttribute(t)}else t.startsWith(S)&&(o.push({type:6,index:n}),i.removeAttribute(t));if(j.test(i.tagName)){const t=i.textContent.split(S),e=t.length-1;if(e>0){i.textContent=N?N.emptyScript:"";for(let s=0;s<e;s++)i.append(t[s],C()),G.nextNode(),o.push({type:2,index:++n});i.append(t[e],C())}}}else if(8===i.nodeType)if(i.data===A)o.push({type:2,index:n});else{let t=-1;for(;-1!==(t=i.data.indexOf(S,t+1));)o.push({type:7,index:n}),t+=S.length-1}n++}}static createElement(t,e){const s=z.createElement("template");return s.innerHTML=t,s}}function Y(t,e,s=t,i){if(e===W)return e;let n=void 0!==i?s._$Co?.[i]:s._$Cl;const r=I(e)?void 0:e._$litDirective$;return n?.constructor!==r&&(n?._$AO?.(!1),void 0===r?n=void 0:(n=new r(t),n._$AT(t,s,i)),void 0!==i?(s._$Co??=[])[i]=n:s._$Cl=n),void 0!==n&&(e=Y(t,n._$AS(t,e.values),n,i)),e}class Q{constructor(t,e){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){const{el:{content:e},parts:s}=this._$AD,i=(t?.creationScope??z).importNode(e,!0);G.currentNode=i;let n=G.nextNode(),r=0,a=0,o=s[0];for(;void 0!==o;){if(r===o.index){let e;2===o.type?e=new tt(n,n.nextSibling,this,t):1===o.type?e=new o.ctor(n,o.name,o.strings,this,t):6===o.type&&(e=new rt(n,this,t)),this._$AV.push(e),o=s[++a]}r!==o?.index&&(n=G.nextNode(),r++)}return G.currentNode=z,i}p(t){let e=0;for(const s of this._$AV)void 0!==s&&(void 0!==s.strings?(s._$AI(t,s,e),e+=s.strings.length-2):s._$AI(t[e])),e++}}class tt{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,e,s,i){this.type=2,this._$AH=V,this._$AN=void 0,this._$AA=t,this._$AB=e,this._$AM=s,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode;const e=this._$AM;return void 0!==e&&11===t?.nodeType&&(t=e.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,e=this){t=Y(this,t,e),I(t)?t===V||null==t||""===t?(this._$AH!==V&&this._$AR(),this._$AH=V):t!==this._$AH&&t!==W&&this._(t):void 0!==t._$litType$?this.$(t):void 0!==t.nodeType?this.T(t):(t=>E(t)||"function"==typeof t?.[Symbol.iterator])(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==V&&I(this._$AH)?this._$AA.nextSibling.data=t:this.T(z.createTextNode(t)),this._$AH=t}$(t){const{values:e,_$litType$:s}=t,i="number"==typeof s?this._$AC(t):(void 0===s.el&&(s.el=X.createElement(Z(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===i)this._$AH.p(e);else{const t=new Q(i,this),s=t.u(this.options);t.p(e),this.T(s),this._$AH=t}}_$AC(t){let e=J.get(t.strings);return void 0===e&&J.set(t.strings,e=new X(t)),e}k(t){E(this._$AH)||(this._$AH=[],this._$AR());const e=this._$AH;let s,i=0;for(const n of t)i===e.length?e.push(s=new tt(this.O(C()),this.O(C()),this,this.options)):s=e[i],s._$AI(n),i++;i<e.length&&(this._$AR(s&&s._$AB.nextSibling,i),e.length=i)}_$AR(t=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);t!==this._$AB;){const e=x(t).nextSibling;x(t).remove(),t=e}}setConnected(t){void 0===this._$AM&&(this._$Cv=t,this._$AP?.(t))}}class et{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,e,s,i,n){this.type=1,this._$AH=V,this._$AN=void 0,this.element=t,this.name=e,this._$AM=i,this.options=n,s.length>2||""!==s[0]||""!==s[1]?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=V}_$AI(t,e=this,s,i){const n=this.strings;let r=!1;if(void 0===n)t=Y(this,t,e,0),r=!I(t)||t!==this._$AH&&t!==W,r&&(this._$AH=t);else{const i=t;let a,o;for(t=n[0],a=0;a<n.length-1;a++)o=Y(this,i[s+a],e,a),o===W&&(o=this._$AH[a]),r||=!I(o)||o!==this._$AH[a],o===V?t=V:t!==V&&(t+=(o??"")+n[a+1]),this._$AH[a]=o}r&&!i&&this.j(t)}j(t){t===V?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}}class st extends et{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===V?void 0:t}}class it extends et{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==V)}}class nt extends et{constructor(t,e,s,i,n){super(t,e,s,i,n),this.type=5}_$AI(t,e=this){if((t=Y(this,t,e,0)??V)===W)return;const s=this._$AH,i=t===V&&s!==V||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,n=t!==V&&(s===V||i);i&&this.element.removeEventListener(this.name,this,s),n&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){"function"==typeof this._$AH?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}}class rt{constructor(t,e,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=e,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){Y(this,t)}}const at=$.litHtmlPolyfillSupport;at?.(X,tt),($.litHtmlVersions??=[]).push("3.3.3");const ot=globalThis;class ht extends _{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){const t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){const e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=((t,e,s)=>{const i=s?.renderBefore??e;let n=i._$litPart$;if(void 0===n){const t=s?.renderBefore??null;i._$litPart$=n=new tt(e.insertBefore(C(),t),t,void 0,s??{})}return n._$AI(t),n})(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return W}}ht._$litElement$=!0,ht.finalized=!0,ot.litElementHydrateSupport?.({LitElement:ht});const lt=ot.litElementPolyfillSupport;lt?.({LitElement:ht}),(ot.litElementVersions??=[]).push("4.2.2");class ct{constructor(t={}){this.head=0,this.count=0,this.capacity=Math.max(1,Math.floor(t.capacity??17280)),this.maxAgeMs=t.maxAgeMs??864e5;const e=Math.min(this.capacity,Math.max(1,Math.floor(t.initialCapacity??64)));this.times=new Float64Array(e),this.values=new Float64Array(e)}get length(){return this.count}get byteLength(){return this.times.byteLength+this.values.byteLength}timeAt(t){return this.times[this.physical(t)]}valueAt(t){return this.values[this.physical(t)]}at(t){const e=t<0?this.count+t:t;if(e<0||e>=this.count)return;const s=this.physical(e);return{t:this.times[s],v:this.values[s]}}latest(){return this.at(-1)}latestNumeric(){for(let t=this.count-1;t>=0;t--){const e=this.physical(t);if(!Number.isNaN(this.values[e]))return{t:this.times[e],v:this.values[e]}}}append(t,e){if(!Number.isFinite(t))return!1;const s=Number.isFinite(e)?e:Number.NaN;if(0===this.count||t>this.timeAt(this.count-1))this.pushBack(t,s);else{const e=this.lowerBound(t);if(e<this.count&&this.timeAt(e)===t)return this.values[this.physical(e)]=s,!0;if(t<this.timeAt(this.count-1)-this.maxAgeMs)return!1;if(0===e&&this.count===this.capacity)return!1;this.insertAt(e,t,s)}return this.trim(this.timeAt(this.count-1)),!0}trim(t){const e=t-this.maxAgeMs;for(;this.count>0&&this.times[this.head]<e;)this.dropOldest()}clear(){this.head=0,this.count=0}lowerBound(t){let e=0,s=this.count;for(;e<s;){const i=e+s>>>1;this.timeAt(i)<t?e=i+1:s=i}return e}upperBound(t){let e=0,s=this.count;for(;e<s;){const i=e+s>>>1;this.timeAt(i)<=t?e=i+1:s=i}return e}range(t,e){const s=this.lowerBound(t);return{start:s,end:Math.max(s,this.upperBound(e))}}copyRange(t=-1/0,e=1/0){const{start:s,end:i}=this.range(t,e),n=i-s,r=new Float64Array(n),a=new Float64Array(n);for(let t=0;t<n;t++){const e=this.physical(s+t);r[t]=this.times[e],a[t]=this.values[e]}return{times:r,values:a}}forEachInRange(t,e,s){const{start:i,end:n}=this.range(t,e);for(let t=i;t<n;t++){const e=this.physical(t);s(this.times[e],this.values[e],t)}}valueAtTime(t){const e=this.upperBound(t)-1;return e<0?Number.NaN:this.valueAt(e)}physical(t){const e=this.head+t,s=this.times.length;return e>=s?e-s:e}pushBack(t,e){this.count===this.times.length&&(this.times.length<this.capacity?this.grow():this.dropOldest());const s=this.physical(this.count);this.times[s]=t,this.values[s]=e,this.count++}insertAt(t,e,s){this.count===this.times.length&&(this.times.length<this.capacity?this.grow():(this.dropOldest(),t--));for(let e=this.count;e>t;e--){const t=this.physical(e),s=this.physical(e-1);this.times[t]=this.times[s],this.values[t]=this.values[s]}const i=this.physical(t);this.times[i]=e,this.values[i]=s,this.count++}dropOldest(){this.head=this.physical(1),this.count--,0===this.count&&(this.head=0)}grow(){const t=Math.min(this.capacity,2*this.times.length),e=new Float64Array(t),s=new Float64Array(t);for(let t=0;t<this.count;t++){const i=this.physical(t);e[t]=this.times[i],s[t]=this.values[i]}this.times=e,this.values=s,this.head=0}}const ut=new Set(["","unavailable","unknown","none","null","nan"]);function dt(t){if(null==t)return Number.NaN;const e=t.trim();if(ut.has(e.toLowerCase()))return Number.NaN;const s=Number(e);return Number.isFinite(s)&&/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(e)?s:Number.NaN}const pt=864e5;class mt{constructor(t,e,s={}){this.connection=t,this.sink=e,this.coveredFrom=new Map,this.inFlight=new Map,this.pending=new Map,this.requestCounts={history:0,statistics:0},this.opts={batchDelayMs:s.batchDelayMs??50,rawRetentionMs:s.rawRetentionMs??10*pt,now:s.now??(()=>Date.now()),setTimeout:s.setTimeout??((t,e)=>globalThis.setTimeout(t,e))}}coverage(t){return this.coveredFrom.get(t)}forget(t){this.coveredFrom.delete(t)}markCovered(t,e){const s=this.coveredFrom.get(t);(void 0===s||e<s)&&this.coveredFrom.set(t,e)}ensure(t,e){const s=this.opts.now(),i=6e4*Math.floor((s-e)/6e4),n=this.coveredFrom.get(t);if(void 0!==n&&n<=i)return this.inFlight.get(t)??Promise.resolve();const r=n??s;this.coveredFrom.set(t,i);const a=this.enqueue(t,i,r),o=this.inFlight.get(t),h=o?Promise.all([o,a]).then(()=>{}):a;return this.inFlight.set(t,h),h.then(()=>this.inFlight.get(t)===h&&this.inFlight.delete(t),()=>{this.inFlight.get(t)===h&&this.inFlight.delete(t),this.coveredFrom.get(t)===i&&this.coveredFrom.set(t,r)}),h}backfill(t,e,s=this.opts.now()){return Promise.all(t.map(t=>this.enqueue(t,e,s))).then(()=>{})}enqueue(t,e,s){let i=this.pending.get(e);i||(i={entityIds:new Set,start:e,end:s,waiters:[]},this.pending.set(e,i)),i.entityIds.add(t),i.end=Math.max(i.end,s);const n=i,r=new Promise((t,e)=>n.waiters.push({resolve:t,reject:e}));return void 0===this.timer&&(this.timer=this.opts.setTimeout(()=>{this.timer=void 0;const t=[...this.pending.values()];this.pending=new Map;for(const e of t)this.run(e)},this.opts.batchDelayMs)),r}async run(t){const e=[...t.entityIds].sort();try{const s=this.opts.now()-this.opts.rawRetentionMs,i=t.start<s,[n,r]=await Promise.all([this.fetchHistory(e,Math.max(t.start,i?s:t.start),t.end),i?this.fetchStatistics(e,t.start,Math.min(t.end,s)):void 0]);for(const s of e){const e=r?.[s];e?.length&&this.sink(s,gt(e));const i=n[s];i?.length&&this.sink(s,ft(i,t.start))}for(const e of t.waiters)e.resolve()}catch(e){for(const s of t.waiters)s.reject(e)}}fetchHistory(t,e,s){return this.requestCounts.history++,this.connection.sendMessagePromise({type:"history/history_during_period",start_time:new Date(e).toISOString(),end_time:new Date(s).toISOString(),entity_ids:t,minimal_response:!0,no_attributes:!0,significant_changes_only:!1})}fetchStatistics(t,e,s){return this.requestCounts.statistics++,this.connection.sendMessagePromise({type:"recorder/statistics_during_period",start_time:new Date(e).toISOString(),end_time:new Date(s).toISOString(),statistic_ids:t,period:(i=s-e,i<=2*pt?"5minute":i<=60*pt?"hour":"day"),types:["mean","state"]});var i}}function ft(t,e){const s=[],i=[];for(const n of t){const t=n.lu??n.lc;void 0!==t&&(s.push(Math.max(1e3*t,e)),i.push(dt(n.s)))}return{times:s,values:i,source:"history"}}function gt(t){const e=[],s=[];for(const i of t){const t="number"==typeof i.start?i.start:Date.parse(i.start),n=i.mean??i.state;Number.isFinite(t)&&(e.push(t),s.push("number"==typeof n&&Number.isFinite(n)?n:Number.NaN))}return{times:e,values:s,source:"statistics"}}const vt=t=>t.startsWith("vitals.");class yt{constructor(t,e={}){this.connection=t,this.snapshots=new Map,this.watched=new Map,this.subscribedIds=new Set,this.generation=0,this.statusValue="idle",this.statusListeners=new Set,this.deliveryListeners=new Set,this.overheadMs=0,this.subscriptionCount=0,this.restores=new Map,this.opts={batchDelayMs:e.batchDelayMs??50,releaseDelayMs:e.releaseDelayMs??3e4,samplesPerEntity:e.samplesPerEntity??43200,liveWindowMs:e.liveWindowMs??36e5,historyBatchDelayMs:e.historyBatchDelayMs??50,backfillRetryDelaysMs:e.backfillRetryDelaysMs??[2e3,7e3],now:e.now??(()=>Date.now()),cache:e.cache??Promise.resolve(void 0),setTimeout:e.setTimeout??((t,e)=>globalThis.setTimeout(t,e)),clearTimeout:e.clearTimeout??(t=>globalThis.clearTimeout(t))},this.history=new mt(t,(t,e)=>this.mergeHistory(t,e),{batchDelayMs:this.opts.historyBatchDelayMs,now:this.opts.now,setTimeout:this.opts.setTimeout}),t.addEventListener("disconnected",()=>{void 0===this.disconnectedAfter&&(this.disconnectedAfter=this.newestSampleTime()),this.setStatus("reconnecting")}),t.addEventListener("ready",()=>{this.unsubscribe&&(this.setStatus("live"),this.backfillOutage())})}get status(){return this.statusValue}onStatus(t){return this.statusListeners.add(t),()=>this.statusListeners.delete(t)}watch(t,e,s={}){let i=this.watched.get(t);const n=Math.max(s.historyMs??0,this.opts.liveWindowMs);if(i){if(i.series.maxAgeMs<n){const t=this.newSeries(n);i.series.forEachInRange(-1/0,1/0,(e,s)=>t.append(e,s)),i.series=t}}else i={listeners:new Set,series:this.newSeries(n)},this.watched.set(t,i);i.listeners.add(e);const r=this.snapshots.get(t);r&&e(r),vt(t)||this.subscribedIds.has(t)||this.scheduleSync(this.opts.batchDelayMs),s.historyMs&&!vt(t)&&this.loadHistory(t,s.historyMs);let a=!0;return()=>{a&&(a=!1,i.listeners.delete(e),0===i.listeners.size&&this.scheduleRelease())}}record(t,e,s,i={}){let n=this.watched.get(t);n||(n={listeners:new Set,series:this.newSeries(this.opts.liveWindowMs)},this.watched.set(t,n)),n.series.append(e,s);const r=this.snapshots.get(t),a={entityId:t,state:Number.isFinite(s)?String(s):"unavailable",attributes:r&&0===Object.keys(i).length?r.attributes:i,lastChanged:e,lastUpdated:e};this.snapshots.set(t,a);for(const t of n.listeners)t(a)}series(t){return this.watched.get(t)?.series}async loadHistory(t,e){try{const s=await this.opts.cache;if(s&&void 0===this.history.coverage(t)){let e=this.restores.get(t);e||(e=this.restoreFromCache(t,s),this.restores.set(t,e)),await e}await this.history.ensure(t,e),s&&await this.persist(t,s)}catch(t){console.warn("ha-vitals: history failed",t)}}async restoreFromCache(t,e){const s=await this.unitOf(t),i=await e.load(t,s);i&&i.times.length>0&&(this.mergeHistory(t,{times:[...i.times],values:[...i.values],source:"history"}),this.history.markCovered(t,i.from),await this.history.backfill([t],i.times[i.times.length-1]))}unitOf(t,e=5e3){const s=()=>String(this.snapshots.get(t)?.attributes.unit_of_measurement??"");return this.snapshots.has(t)?Promise.resolve(s()):new Promise(i=>{const n=this.opts.setTimeout(()=>r(),e),r=()=>{this.opts.clearTimeout(n),queueMicrotask(()=>a()),i(s())},a=this.watch(t,t=>t&&r())})}async persist(t,e){const s=this.watched.get(t)?.series,i=this.history.coverage(t);if(!s||void 0===i||0===s.length)return;const{times:n,values:r}=s.copyRange();await e.save(t,String(this.snapshots.get(t)?.attributes.unit_of_measurement??""),i,n,r,this.opts.now())}newSeries(t){return new ct({capacity:this.opts.samplesPerEntity,maxAgeMs:t})}newestSampleTime(){let t=-1/0;for(const{series:e}of this.watched.values()){const s=e.latest();s&&s.t>t&&(t=s.t)}return Number.isFinite(t)?t:this.opts.now()}backfillOutage(){const t=this.disconnectedAfter;this.disconnectedAfter=void 0;const e=[...this.subscribedIds];if(void 0===t||0===e.length)return;const s=()=>this.history.backfill(e,t).catch(t=>console.warn("ha-vitals: backfill after reconnect failed",t));s();for(const t of this.opts.backfillRetryDelaysMs)this.opts.setTimeout(()=>{s()},t)}mergeHistory(t,e){const s=this.watched.get(t);if(!s)return;for(let t=0;t<e.times.length;t++)s.series.append(e.times[t],e.values[t]);const i=this.snapshots.get(t);for(const t of s.listeners)t(i)}subscribeMessage(t,e){return this.connection.subscribeMessage(t,e)}get watchedIds(){return[...this.watched.entries()].filter(([,t])=>t.listeners.size>0).map(([t])=>t)}setStatus(t){if(t!==this.statusValue){this.statusValue=t;for(const e of this.statusListeners)e(t)}}scheduleSync(t){void 0===this.pendingSync&&(this.pendingSync=this.opts.setTimeout(()=>{this.pendingSync=void 0,this.sync()},t))}scheduleRelease(){void 0!==this.releaseTimer&&this.opts.clearTimeout(this.releaseTimer),this.releaseTimer=this.opts.setTimeout(()=>{this.releaseTimer=void 0;for(const[t,e]of this.watched)0!==e.listeners.size||vt(t)||(this.watched.delete(t),this.snapshots.delete(t));this.sync()},this.opts.releaseDelayMs)}async sync(){const t=new Set([...this.watched.keys()].filter(t=>!vt(t)));if(function(t,e){if(t.size!==e.size)return!1;for(const s of t)if(!e.has(s))return!1;return!0}(t,this.subscribedIds)&&(this.unsubscribe||0===t.size))return;const e=this.unsubscribe;this.unsubscribe=void 0,this.subscribedIds=t;const s=++this.generation;if(t.size>0){this.setStatus("subscribing");const e={type:"subscribe_entities",entity_ids:[...t].sort()};this.subscriptionCount++;try{const t=await this.connection.subscribeMessage(t=>{s===this.generation&&this.ingest(t)},e,{resubscribe:!0});s!==this.generation?t():(this.unsubscribe=()=>{t()},this.setStatus("live"))}catch(t){this.subscribedIds=new Set,this.setStatus("reconnecting"),console.warn("ha-vitals: subscribe_entities failed",t)}}else this.setStatus("idle");e?.()}onDelivery(t){return this.deliveryListeners.add(t),()=>this.deliveryListeners.delete(t)}ingest(t){const e=performance.now(),s=this.opts.now();!function(t,e,s){if(t.a)for(const[i,n]of Object.entries(t.a)){const t=1e3*(n.lc??n.lu??0),r={entityId:i,state:n.s??"",attributes:n.a??{},lastChanged:t,lastUpdated:void 0!==n.lu?1e3*n.lu:t};e.set(i,r),s.onState(r,!0)}if(t.c)for(const[i,n]of Object.entries(t.c)){const t=e.get(i);if(!t)continue;const r={...t},a=n["+"];a&&(void 0!==a.s&&(r.state=a.s),a.a&&(r.attributes={...r.attributes,...a.a}),void 0!==a.lc&&(r.lastChanged=1e3*a.lc,r.lastUpdated=1e3*a.lc),void 0!==a.lu&&(r.lastUpdated=1e3*a.lu));const o=n["-"];if(o?.a?.length){r.attributes={...r.attributes};for(const t of o.a)delete r.attributes[t]}e.set(i,r),s.onState(r,!1)}if(t.r)for(const i of t.r)e.delete(i),s.onRemoved(i)}(t,this.snapshots,{onState:(t,e)=>{if(!e)for(const e of this.deliveryListeners)e(t.lastUpdated,s);const i=this.watched.get(t.entityId);if(!i)return;const n=i.series.latest();if(!(n&&t.lastUpdated<=n.t)){i.series.append(t.lastUpdated,dt(t.state));for(const e of i.listeners)e(t)}},onRemoved:t=>{const e=this.watched.get(t);if(e){e.series.append(this.opts.now(),Number.NaN);for(const t of e.listeners)t(void 0)}}}),this.overheadMs+=performance.now()-e}}const bt=new WeakMap;class wt extends ht{constructor(){super(...arguments),this.disposers=[],this.now=()=>Date.now()}set hass(t){const e=!this._hass||this._hass.connection!==t.connection;this._hass=t,this.hassChanged(t),e&&this.attach()}get hass(){return this._hass}connectedCallback(){super.connectedCallback(),this.attach()}disconnectedCallback(){super.disconnectedCallback(),this.detach()}shouldUpdate(t){return t.size>0&&void 0!==this._config}hassChanged(t){}attach(){this.detach();const t=this._config,e=this._hass?.connection;t&&e&&this.isConnected&&(this.store=function(t){let e=bt.get(t);if(!e){const s=import("./ha-vitals-history-cache-CxT32H1n.js").then(({HistoryCache:t})=>t.open(location.origin));e=new yt(t,{cache:s}),bt.set(t,e)}return e}(e),this.start(t,this.store,e))}detach(){for(;this.disposers.length;)this.disposers.pop()()}}wt.properties={_config:{state:!0}};const _t=r`
  :host {
    display: block;
    --vitals-error: var(--error-color, #db4437);
    --vitals-warning: var(--warning-color, #ffa600);
    --vitals-info: var(--info-color, #039be5);
    --vitals-ok: var(--success-color, #43a047);
  }
  ha-card {
    height: 100%;
    box-sizing: border-box;
    padding: 12px 16px;
    overflow: hidden;
    color: var(--primary-text-color, #212121);
  }
  .header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 8px;
  }
  .title {
    margin: 0;
    font-size: 16px;
    font-weight: 500;
    color: var(--primary-text-color, #212121);
  }
  .section {
    margin: 12px 0 4px;
    font-size: 14px;
    font-weight: 500;
    color: var(--secondary-text-color, #727272);
  }
  .status {
    color: var(--vitals-warning);
    font-size: 12px;
  }
  .banner,
  .notice {
    padding: 6px 8px;
    border-radius: 4px;
    background: var(--secondary-background-color, rgba(127, 127, 127, 0.12));
    font-size: 13px;
  }
  ul,
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  button:focus-visible {
    outline: 2px solid var(--primary-color, #03a9f4);
    outline-offset: 1px;
  }
  .spark path,
  .sparkline path {
    fill: none;
    stroke: var(--accent-color, var(--primary-color, #03a9f4));
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
    stroke-linejoin: round;
  }
  .forecast {
    color: var(--secondary-text-color, #727272);
  }
  .forecast.warning {
    color: var(--vitals-warning);
  }
  .forecast.error {
    color: var(--vitals-error);
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;class $t extends TypeError{constructor(t,e){let s;const{message:i,explanation:n,...r}=t,{path:a}=t,o=0===a.length?i:`At path: ${a.join(".")} -- ${i}`;super(n??o),null!=n&&(this.cause=o),Object.assign(this,r),this.name=this.constructor.name,this.failures=()=>s??(s=[t,...e()])}}function xt(t){return"object"==typeof t&&null!=t}function Nt(t){return"symbol"==typeof t?t.toString():"string"==typeof t?JSON.stringify(t):`${t}`}function Mt(t,e,s,i){if(!0===t)return;!1===t?t={}:"string"==typeof t&&(t={message:t});const{path:n,branch:r}=e,{type:a}=s,{refinement:o,message:h=`Expected a value of type \`${a}\`${o?` with refinement \`${o}\``:""}, but received: \`${Nt(i)}\``}=t;return{value:i,type:a,refinement:o,key:n[n.length-1],path:n,branch:r,...t,message:h}}function*kt(t,e,s,i){(function(t){return xt(t)&&"function"==typeof t[Symbol.iterator]})(t)||(t=[t]);for(const n of t){const t=Mt(n,e,s,i);t&&(yield t)}}function*St(t,e,s={}){const{path:i=[],branch:n=[t],coerce:r=!1,mask:a=!1}=s,o={path:i,branch:n,mask:a};r&&(t=e.coercer(t,o));let h="valid";for(const i of e.validator(t,o))i.explanation=s.message,h="not_valid",yield[i,void 0];for(let[l,c,u]of e.entries(t,o)){const e=St(c,u,{path:void 0===l?i:[...i,l],branch:void 0===l?n:[...n,c],coerce:r,mask:a,message:s.message});for(const s of e)s[0]?(h=null!=s[0].refinement?"not_refined":"not_valid",yield[s[0],void 0]):r&&(c=s[1],void 0===l?t=c:t instanceof Map?t.set(l,c):t instanceof Set?t.add(c):xt(t)&&(void 0!==c||l in t)&&(t[l]=c))}if("not_valid"!==h)for(const i of e.refiner(t,o))i.explanation=s.message,h="not_refined",yield[i,void 0];"valid"===h&&(yield[void 0,t])}class At{constructor(t){const{type:e,schema:s,validator:i,refiner:n,coercer:r=t=>t,entries:a=function*(){}}=t;this.type=e,this.schema=s,this.entries=a,this.coercer=r,this.validator=i?(t,e)=>kt(i(t,e),e,this,t):()=>[],this.refiner=n?(t,e)=>kt(n(t,e),e,this,t):()=>[]}assert(t,e){return function(t,e,s){const i=zt(t,e,{message:s});if(i[0])throw i[0]}(t,this,e)}create(t,e){return function(t,e,s){const i=zt(t,e,{coerce:!0,message:s});if(i[0])throw i[0];return i[1]}(t,this,e)}is(t){return Tt(t,this)}mask(t,e){return function(t,e,s){const i=zt(t,e,{coerce:!0,mask:!0,message:s});if(i[0])throw i[0];return i[1]}(t,this,e)}validate(t,e={}){return zt(t,this,e)}}function Tt(t,e){return!zt(t,e)[0]}function zt(t,e,s={}){const i=St(t,e,s),n=function(t){const{done:e,value:s}=t.next();return e?void 0:s}(i);if(n[0]){const t=new $t(n[0],function*(){for(const t of i)t[0]&&(yield t[0])});return[t,void 0]}return[void 0,n[1]]}function Ct(t,e){return new At({type:t,schema:null,validator:e})}function It(){return Ct("unknown",()=>!0)}function Et(t,e,s){return new At({...t,coercer:(i,n)=>Tt(i,e)?t.coercer(s(i,n),n):t.coercer(i,n)})}function Ot(t,e,s){return new At({...t,*refiner(i,n){yield*t.refiner(i,n);const r=kt(s(i,n),n,t,i);for(const t of r)yield{...t,refinement:e}}})}function Pt(t,e=""){let s=e;for(const e of t)s+="number"==typeof e?`[${e}]`:""===s?e:`.${e}`;return s}function Rt(t,e,s={}){const[i,n]=t.validate(e,{coerce:!0});return i?{ok:!1,errors:Ft(i,s.path)}:{ok:!0,value:n}}function Ft(t,e=""){const s=new Set,i=[];for(const n of t.failures()){const t=Pt(n.path,e);s.has(t)||(s.add(t),i.push({path:t,message:n.message}))}return i}function Ut(t){return t.map(t=>t.path?`${t.path}: ${t.message}`:t.message).join("\n")}function Dt(t,e,s){if(!s||"object"!=typeof s||Array.isArray(s))throw new Error(`${t}: the configuration must be a mapping`);const i=Rt(e,s);if(!i.ok)throw new Error(`${t}: ${Ut(i.errors)}`);return i.value}function Lt(t){return Object.keys(t).filter(e=>e.startsWith("sensor.")&&Number.isFinite(Number(t[e].state))).sort()}function jt(t){return Et(t,It(),t=>"string"==typeof t?{entity:t}:t)}const Ht={ms:1,s:1e3,m:6e4,h:36e5,d:864e5,w:6048e5},Bt={milliseconds:1,seconds:1e3,minutes:6e4,hours:36e5,days:864e5,weeks:6048e5},qt=/^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/,Wt=/^(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?$/;function Vt(t){if("number"==typeof t)return Number.isFinite(t)&&t>=0?Math.round(1e3*t):void 0;if("string"==typeof t)return function(t){const e=t.trim().toLowerCase().replace(/\s+/g,"");if(""===e)return;if(/^\d+(\.\d+)?$/.test(e))return Math.round(1e3*Number(e));const s=Wt.exec(e);if(s)return Math.round(1e3*(3600*Number(s[1])+60*Number(s[2])+Number(s[3]??0)));let i=e,n=0,r=1/0;for(;i.length>0;){const t=qt.exec(i);if(!t)return;const e=Ht[t[2]];if(e>=r)return;r=e,n+=Number(t[1])*e,i=i.slice(t[0].length)}return Math.round(n)}(t);if(t&&"object"==typeof t&&!Array.isArray(t)){const e=Object.entries(t);if(0===e.length)return;let s=0;for(const[t,i]of e){const e=Bt[t];if(void 0===e||"number"!=typeof i||!Number.isFinite(i)||i<0)return;s+=i*e}return Math.round(s)}}function Jt(t){if(!Number.isFinite(t))return String(t);if(0===t)return"0s";const e=t<0?"-":"";let s=Math.abs(Math.round(t)),i="";for(const[t,e]of[["d",864e5],["h",36e5],["m",6e4],["s",1e3],["ms",1]])if(s>=e){const n=Math.floor(s/e);i+=`${n}${t}`,s-=n*e}return e+i}function Gt(t){return void 0===t?"nothing":null===t?"null":"string"==typeof t?JSON.stringify(t):Array.isArray(t)?"a list":"object"==typeof t?"a mapping":String(t)}function Zt(t,e){return void 0===e?`required: expected ${t}`:`expected ${t}, got ${Gt(e)}`}function Kt(t,e,s){return Ct(t,t=>s(t)||Zt(e,t))}const Xt=Kt("text","text",t=>"string"==typeof t),Yt=Kt("non-empty text","non-empty text",t=>"string"==typeof t&&""!==t.trim()),Qt=Kt("boolean","true or false",t=>"boolean"==typeof t),te=Et(Kt("number","a number",t=>"number"==typeof t&&Number.isFinite(t)),It(),t=>"string"==typeof t&&""!==t.trim()&&Number.isFinite(Number(t))?Number(t):t);function ee(t,e,s=!1){return Et(Kt("number",`${s?"a whole number":"a number"} from ${t} to ${e}`,i=>"number"==typeof i&&Number.isFinite(i)&&i>=t&&i<=e&&(!s||Number.isInteger(i))),It(),t=>"string"==typeof t&&""!==t.trim()&&Number.isFinite(Number(t))?Number(t):t)}function se(t){const e=`one of ${t.map(t=>JSON.stringify(t)).join(", ")}`;return Ct("enum",s=>{if("string"==typeof s&&t.includes(s))return!0;if("string"==typeof s){const i=pe(s,t);if(i)return`${Zt(e,s)}; did you mean ${JSON.stringify(i)}?`}return Zt(e,s)})}const ie=Et(Kt("duration",'a duration like "30s"',t=>"number"==typeof t&&Number.isFinite(t)&&t>=0),It(),t=>null==t?t:Vt(t)??t),ne=/^[a-z0-9_]+\.[a-z0-9_]+$/,re=Kt("entity id",'an entity id like "sensor.cpu"',t=>"string"==typeof t&&ne.test(t)),ae=Kt("service",'a service like "notify.mobile_app_phone"',t=>"string"==typeof t&&ne.test(t));function oe(t,e,s={}){return new At({type:"list",schema:null,coercer:t=>Array.isArray(t)?[...t]:s.single&&null!=t?[t]:t,validator:t=>Array.isArray(t)||Zt(`a list of ${e}`,t),*entries(e){if(Array.isArray(e))for(const[s,i]of e.entries())yield[s,i,t]}})}const he=new At({type:"labels",schema:null,coercer:t=>{if(!t||"object"!=typeof t||Array.isArray(t))return t;const e={};for(const[s,i]of Object.entries(t))e[s]="number"==typeof i||"boolean"==typeof i?String(i):i;return e},validator:t=>!!t&&"object"==typeof t&&!Array.isArray(t)||Zt("a mapping of label: value",t),*entries(t){if(t&&"object"==typeof t)for(const[e,s]of Object.entries(t))yield[e,s,Xt]}}),le=Kt("mapping","a mapping",t=>!!t&&"object"==typeof t&&!Array.isArray(t)),ce=["type","grid_options","layout_options","view_layout","visibility","index","view_index","card_mod"];function ue(t,e={}){const s=Object.keys(t),i=new Set(e.passThrough??[]),n=e.what??"a mapping";return new At({type:"object",schema:t,coercer:t=>t&&"object"==typeof t&&!Array.isArray(t)?{...t}:t,validator:t=>!!t&&"object"==typeof t&&!Array.isArray(t)||Zt(n,t),*entries(n){if(!n||"object"!=typeof n||Array.isArray(n))return;const r=n;for(const e of s)yield[e,r[e],t[e]];for(const n of Object.keys(r))n in t||i.has(n)||(yield[n,r[n],de(n,s,e.elsewhere)])}})}function de(t,e,s){let i;if(s&&t in s)i=`not allowed here: ${s[t]}`;else{const s=pe(t,e);i=s?`unknown key; did you mean ${JSON.stringify(s)}?`:`unknown key; expected one of ${e.join(", ")}`}return Ct("unknown key",()=>i)}function pe(t,e){const s=t.toLowerCase();let i,n=1/0;for(const t of e){const e=me(s,t.toLowerCase());e<n&&(i=t,n=e)}return n<=Math.max(1,Math.floor(s.length/3))?i:void 0}function me(t,e){const s=t.length+1,i=e.length+1,n=new Array(s*i).fill(0);for(let t=0;t<s;t++)n[t*i]=t;for(let t=0;t<i;t++)n[t]=t;for(let r=1;r<s;r++)for(let s=1;s<i;s++){const a=t[r-1]===e[s-1]?0:1;let o=Math.min(n[(r-1)*i+s]+1,n[r*i+s-1]+1,n[(r-1)*i+s-1]+a);r>1&&s>1&&t[r-1]===e[s-2]&&t[r-2]===e[s-1]&&(o=Math.min(o,n[(r-2)*i+s-2]+1)),n[r*i+s]=o}return n[s*i-1]}function fe(t,e){return Et(t,It(),t=>{return void 0===t?null===(s=e)||"object"!=typeof s?s:JSON.parse(JSON.stringify(s)):t;var s})}function ge(t){return new At({...t,validator:(e,s)=>void 0===e||t.validator(e,s),refiner:(e,s)=>void 0===e||t.refiner(e,s)})}const ve={critical:3,warning:2,info:1},ye=se(["critical","warning","info"]),be=["threshold","trend","anomaly","nodata"],we={low:.25,medium:.5,high:.75},_e=Et(ee(0,1),It(),t=>"string"==typeof t&&t in we?we[t]:t);function $e(t,e){return Number.isInteger(t)&&Number.isInteger(e)&&t>=1&&t<=e&&e<=1e3}const xe=new At({type:"m_of_n",schema:null,coercer:t=>{if("string"==typeof t){const e=/^\s*(\d+)\s*(?:\/|of)\s*(\d+)\s*$/i.exec(t);return e&&$e(Number(e[1]),Number(e[2]))?{m:Number(e[1]),n:Number(e[2])}:t}return Array.isArray(t)&&2===t.length&&$e(t[0],t[1])?{m:t[0],n:t[1]}:t},validator:t=>!!t&&"object"==typeof t&&!Array.isArray(t)&&2===Object.keys(t).length&&$e(t.m,t.n)||`expected "M/N" like "3/5" (M of the last N samples, 1 ≤ M ≤ N), got ${Gt(t)}`}),Ne=ue({service:oe(ae,"services",{single:!0}),after:fe(ie,"0s"),data:fe(le,{}),send_resolved:Qt,name:Yt}),Me=new At({...Ne,coercer:(t,e)=>{const s="string"==typeof t?{service:t}:t;return Ne.coercer(s,e)},*entries(t,e){for(const s of Ne.entries(t,e)){const[t,e,i]=s;("send_resolved"!==t&&"name"!==t||void 0!==e)&&(yield[t,e,i])}}}),ke=[{after:0,service:["persistent_notification.create"],data:{}}],Se=Et(oe(Me,"notification tiers",{single:!0}),It(),t=>void 0===t?ke.map(t=>({service:[...t.service],after:"0s"})):t),Ae={enabled:!0,keep_firing_for:"0s",severity:"warning",group_by:["alertname","entity"],group_wait:"30s",group_interval:"5m",repeat_interval:"4h",throttle:"5m",flap_threshold:6,flap_window:"10m"},Te={threshold:"0s",trend:"0s",anomaly:"30s",nodata:"0s"},ze="1h",Ce="24h",Ie=5;function Ee(t){return{name:Yt,type:se(be),enabled:fe(Qt,Ae.enabled),entity:fe(oe(re,"entity ids",{single:!0}),[]),for:fe(ie,Te[t]),keep_firing_for:fe(ie,Ae.keep_firing_for),severity:fe(ye,Ae.severity),labels:fe(he,{}),message:ge(Xt),notify:Se,group_by:fe(oe(Yt,"label names",{single:!0}),[...Ae.group_by]),group_wait:fe(ie,Ae.group_wait),group_interval:fe(ie,Ae.group_interval),repeat_interval:fe(ie,Ae.repeat_interval),throttle:fe(ie,Ae.throttle),flap_threshold:fe(ee(2,1e3,!0),Ae.flap_threshold),flap_window:fe(ie,Ae.flap_window)}}const Oe={threshold:{above:ge(te),below:ge(te),recover_below:ge(te),recover_above:ge(te),m_of_n:ge(xe)},trend:{window:fe(ie,ze),min_gradient:ge(te),direction:ge(se(["up","down","either"])),limit:ge(te),horizon:fe(ie,Ce),min_samples:fe(ee(2,1e5,!0),Ie)},anomaly:{sensitivity:fe(_e,we.medium),input:fe(se(["auto","value","rate"]),"auto")},nodata:{when:fe(se(["silent","unavailable"]),"silent"),max_age:ge(ie)}};function Pe(t){const e={};for(const s of be)if(s!==t)for(const i of Object.keys(Oe[s]))i in Oe[t]||(e[i]=`"${i}" is for type "${s}" rules, this rule has type "${t}"`);return e}function Re(t){const e=ue({...Ee(t),...Oe[t]},{elsewhere:Pe(t)});return new At({...e,refiner:(t,e)=>function(t){const e=[];return"threshold"===t.type&&(void 0===t.above&&void 0===t.below&&e.push({message:'a threshold rule needs "above" or "below" (or both)'}),void 0!==t.recover_below&&(void 0===t.above||t.recover_below>t.above)&&e.push({key:"recover_below",message:`${t.recover_below} needs "above" and must not be greater than it`}),void 0!==t.recover_above&&(void 0===t.below||t.recover_above<t.below)&&e.push({key:"recover_above",message:`${t.recover_above} needs "below" and must not be less than it`}),void 0!==t.above&&void 0!==t.below&&t.above<=t.below&&e.push({key:"above",message:`${t.above} must be greater than below (${t.below}), otherwise the rule is always active`})),"trend"===t.type&&void 0===t.min_gradient&&void 0===t.limit&&e.push({message:'a trend rule needs "min_gradient" (units per second) or "limit" (forecast target), or both'}),e}(t).map(t=>({message:t.message,path:t.key?[...e.path,t.key]:e.path}))})}const Fe={threshold:Re("threshold"),trend:Re("trend"),anomaly:Re("anomaly"),nodata:Re("nodata")},Ue=[...new Set(be.flatMap(t=>Object.keys(Fe[t].schema)))],De=ue({type:se(be)},{passThrough:Ue,what:"a rule (a mapping with name and type)"}),Le=(je=t=>{const e=t&&"object"==typeof t?t.type:void 0;return"string"==typeof e&&e in Fe?Fe[e]:De},new At({type:"dynamic",schema:null,*entries(t,e){const s=je(t);yield*s.entries(t,e)},validator:(t,e)=>je(t).validator(t,e),coercer:(t,e)=>je(t).coercer(t,e),refiner:(t,e)=>je(t).refiner(t,e)}));var je;const He=ue({source_severity:ye,target_severity:oe(ye,"severities",{single:!0}),equal:fe(oe(Yt,"label names",{single:!0}),["entity"])}),Be=[{source_severity:"critical",target_severity:["warning","info"],equal:["entity"]},{source_severity:"warning",target_severity:["info"],equal:["entity"]}],qe=new At({...oe(Le,"rules"),refiner:(t,e)=>{const s=[],i=new Map;return t.forEach((t,n)=>{const r=i.get(t.name);void 0!==r?s.push({message:`duplicate rule name ${JSON.stringify(t.name)} (also used by rule ${r+1})`,path:[...e.path,n,"name"]}):i.set(t.name,n)}),s}}),We=ue({rules:qe,inhibit:fe(oe(He,"inhibit rules"),Be.map(t=>({...t}))),reconnect_grace:fe(ie,"2m")}),Ve=new At({...We,coercer:(t,e)=>We.coercer(Array.isArray(t)?{rules:t}:null==t?{rules:[]}:t,e),validator:(t,e)=>We.validator(t,e)}),Je=[{name:"anomaly",type:"anomaly",sensitivity:"medium",for:"30s",severity:"warning"},{name:"no_data",type:"nodata",when:"unavailable",for:"5m",severity:"info"}];function Ge(t,e="alerts"){const s=Rt(Ve,t);if(s.ok)return s;const i=Array.isArray(t),n=s.errors.map(t=>{let s=i&&t.path.startsWith("rules")?t.path.slice(5):t.path;return e?s=""===s?e:s.startsWith("[")?`${e}${s}`:`${e}.${s}`:s.startsWith(".")&&(s=s.slice(1)),{path:s,message:t.message}});return{ok:!1,errors:n}}const Ze=Object.freeze(function(){const t=Ge(Je);if(!t.ok)throw new Error(`internal: default alert rules are invalid: ${JSON.stringify(t.errors)}`);return t.value}().rules);function Ke(t){if(!Number.isFinite(t))return String(t);const e=Math.abs(t);return 0!==e&&(e>=1e6||e<.001)?t.toExponential(2):String(Number(t.toPrecision(e>=100?5:3)))}function Xe(t){if(!Number.isFinite(t))return"∞";const e=[["d",864e5],["h",36e5],["min",6e4],["s",1e3]];let s=Math.max(0,1e3*Math.round(t/1e3));const i=[];for(const[t,n]of e){if(2===i.length)break;const e=Math.floor(s/n);if((e>0||i.length>0&&i.length<2)&&(e>0&&i.push(`${e} ${t}`),s-=e*n,i.length>0&&0===e))break}return i.length>0?i.join(" "):"0 s"}class Ye{constructor(t){if(this.kind="threshold",this.ringPos=0,this.filled=0,this.hits=0,this.active=!1,this.lastValue=Number.NaN,this.side="high",this.above=t.above??1/0,this.below=t.below??-1/0,this.above===1/0&&this.below===-1/0)throw new RangeError("ThresholdDetector: set above and/or below");if(this.recoverAbove=t.recoverAbove??this.above,this.recoverBelow=t.recoverBelow??this.below,this.recoverAbove>this.above||this.recoverBelow<this.below)throw new RangeError("ThresholdDetector: recovery levels must lie inside the trigger levels");this.m=Math.max(1,Math.floor(t.m??1)),this.n=Math.max(this.m,Math.floor(t.n??this.m)),this.ring=new Uint8Array(this.n)}update(t,e){return Number.isNaN(e)||(this.lastValue=e,this.record(this.breaches(e)?1:0),e>this.recoverAbove?this.side="high":e<this.recoverBelow&&(this.side="low"),!this.active&&this.hits>=this.m?this.active=!0:this.active&&this.hits<this.m&&(this.active=!1,this.clearWindow())),this.signal(e)}reset(){this.clearWindow(),this.active=!1,this.side="high",this.lastValue=Number.NaN}breaches(t){return this.active?t>this.recoverAbove||t<this.recoverBelow:t>this.above||t<this.below}record(t){this.filled===this.n?this.hits-=this.ring[this.ringPos]:this.filled++,this.ring[this.ringPos]=t,this.hits+=t,this.ringPos=(this.ringPos+1)%this.n}clearWindow(){this.ring.fill(0),this.hits=0,this.filled=0,this.ringPos=0}signal(t){const e=Number.isNaN(t)?this.lastValue:t;return{active:this.active,value:t,score:this.active?1:0,reason:this.describe(e)}}describe(t){const e=Ke(t),s=this.m>1?` (${this.hits} of last ${this.n})`:"";return this.active?"high"===this.side?`${e} > ${Ke(this.above)}${s} (recovers at ≤ ${Ke(this.recoverAbove)})`:`${e} < ${Ke(this.below)}${s} (recovers at ≥ ${Ke(this.recoverBelow)})`:`${e} within limits (${[this.below>-1/0?`≥ ${Ke(this.below)}`:"",this.above<1/0?`≤ ${Ke(this.above)}`:""].filter(Boolean).join(" and ")})`}}const Qe=36e5;class ts{constructor(t={}){this.kind="trend",this.head=0,this.size=0,this.origin=Number.NaN,this.sx=0,this.sy=0,this.sxx=0,this.sxy=0,this.windowMs=t.windowMs??Qe,this.minSlopePerMs=void 0===t.minSlopePerHour?1/0:Math.abs(t.minSlopePerHour)/Qe,this.direction=t.direction??"up",this.limit=t.limit??Number.NaN,this.horizonMs=t.horizonMs??864e5,this.minSamples=Math.max(2,t.minSamples??5),this.minCoverage=t.minCoverage??.5,this.capacity=Math.max(this.minSamples,t.capacity??2048),this.times=new Float64Array(this.capacity),this.values=new Float64Array(this.capacity)}update(t,e){if(!Number.isNaN(e)){this.evict(t-this.windowMs),this.size===this.capacity&&this.removeOldest(),(0===this.size||t-this.origin>4*this.windowMs)&&this.rebase(t);const s=(this.head+this.size)%this.capacity;this.times[s]=t,this.values[s]=e,this.size++,this.add(t,e,1)}return this.judge(t)}tick(t){return this.evict(t-this.windowMs),this.judge(t)}reset(){this.head=this.size=0,this.sx=this.sy=this.sxx=this.sxy=0,this.origin=Number.NaN}get slopePerMs(){const t=this.size,e=t*this.sxx-this.sx*this.sx;return t>=2&&e>0?(t*this.sxy-this.sx*this.sy)/e:Number.NaN}judge(t){const e=this.size>0?this.times[(this.head+this.size-1)%this.capacity]-this.times[this.head]:0,s=this.slopePerMs;if(this.size<this.minSamples||e<this.minCoverage*this.windowMs||Number.isNaN(s))return{active:!1,value:Number.NaN,score:0,warmingUp:!0,reason:"trend: collecting samples"};const i=(this.sy-s*this.sx)/this.size+s*(t-this.origin),n=s*Qe,r="down"!==this.direction&&s>=this.minSlopePerMs||"up"!==this.direction&&-s>=this.minSlopePerMs;let a;if(!Number.isNaN(this.limit)){const t=this.limit-i;(0===t||0!==s&&Math.sign(t)===Math.sign(s))&&(a=t/s||0)}const o=void 0!==a&&a<=this.horizonMs,h=r||o,l=`slope ${n>=0?"+":""}${Ke(n)}/h`;return{active:h,value:n,score:h?1:0,timeToLimitMs:a,reason:void 0!==a?`${l}, reaches ${Ke(this.limit)} in ${Xe(a)}`:l}}add(t,e,s){const i=t-this.origin;this.sx+=s*i,this.sy+=s*e,this.sxx+=s*i*i,this.sxy+=s*i*e}evict(t){for(;this.size>0&&this.times[this.head]<t;)this.removeOldest()}removeOldest(){this.add(this.times[this.head],this.values[this.head],-1),this.head=(this.head+1)%this.capacity,this.size--,0===this.size&&(this.sx=this.sy=this.sxx=this.sxy=0)}rebase(t){this.origin=t,this.sx=this.sy=this.sxx=this.sxy=0;for(let t=0;t<this.size;t++){const e=(this.head+t)%this.capacity;this.add(this.times[e],this.values[e],1)}}}class es{constructor(t={}){this.kind="staleness",this.intervalCount=0,this.intervalPos=0,this.lastDataT=Number.NaN,this.learnedMedianMs=Number.NaN,this.graceUntil=-1/0,this.reconnectT=-1/0,this.configuredIntervalMs=t.expectedIntervalMs??Number.NaN,this.factor=t.factor??3,this.minStaleMs=t.minStaleMs??6e4,this.graceMs=t.graceMs??12e4,this.gapsAreData=t.gapsAreData??!1,this.intervals=new Float64Array(Math.max(3,t.learnWindow??15)),this.sortedIntervals=new Float64Array(this.intervals.length)}update(t,e){return Number.isNaN(e)&&!this.gapsAreData||(!Number.isNaN(this.lastDataT)&&t>this.lastDataT&&this.learn(t-this.lastDataT),(Number.isNaN(this.lastDataT)||t>this.lastDataT)&&(this.lastDataT=t)),this.tick(t)}tick(t){const e=this.expectedIntervalMs,s=Math.max(this.minStaleMs,this.factor*(Number.isNaN(e)?0:e)),i=Math.max(this.lastDataT,this.reconnectT);if(Number.isNaN(this.lastDataT)&&this.reconnectT===-1/0)return{active:!1,value:Number.NaN,score:0,warmingUp:!0,reason:"no data yet"};const n=t-i,r=this.graceUntil-t;return new ss(!(r>0)&&n>s,n,r,Number.isNaN(e)?s:e)}noteReconnect(t){this.graceUntil=t+this.graceMs,this.reconnectT=t}get expectedIntervalMs(){return Number.isNaN(this.configuredIntervalMs)?this.learnedMedianMs:this.configuredIntervalMs}reset(){this.intervalCount=this.intervalPos=0,this.learnedMedianMs=Number.NaN,this.lastDataT=Number.NaN,this.graceUntil=this.reconnectT=-1/0}learn(t){const e=this.intervals.length,s=this.sortedIntervals;let i=this.intervalCount;if(i===e){const t=this.intervals[this.intervalPos];let e=0;for(;e<i-1&&s[e]!==t;)e++;for(;e<i-1;e++)s[e]=s[e+1];i--}let n=i;for(;n>0&&s[n-1]>t;)s[n]=s[n-1],n--;s[n]=t,i++,this.intervals[this.intervalPos]=t,this.intervalPos=(this.intervalPos+1)%e,this.intervalCount=i,this.learnedMedianMs=s[i>>1]}}class ss{constructor(t,e,s,i){this.active=t,this.value=e,this.graceLeftMs=s,this.expectedMs=i,this.score=t?1:0}get reason(){return this.active?`no data for ${Xe(this.value)} (expected every ${Xe(this.expectedMs)})`:this.graceLeftMs>0?`reconnect grace for ${Xe(this.graceLeftMs)}`:`last data ${Xe(this.value)} ago`}}class is{constructor(){this.kind="unavailable",this.unavailableSince=Number.NaN}update(t,e){return Number.isNaN(e)?Number.isNaN(this.unavailableSince)&&(this.unavailableSince=t):this.unavailableSince=Number.NaN,this.tick(t)}tick(t){const e=!Number.isNaN(this.unavailableSince),s=e?t-this.unavailableSince:0;return{active:e,value:s,score:e?1:0,reason:e?`unavailable for ${Math.round(s/1e3)} s`:void 0}}reset(){this.unavailableSince=Number.NaN}}function ns(t,e){return 1-Math.pow(2,-e/t)}class rs{constructor(t){this.halfLifeSteps=t,this.one=ns(t,1)}at(t){return 1===t?this.one:ns(this.halfLifeSteps,t)}}class as{constructor(t=64,e=256,s=3,i=4,n=.01){this.clipZ=i,this.floorFraction=n,this.name="level",this.mean=Number.NaN,this.dev=0,this.shortMean=Number.NaN,this.n=0,this.previous=Number.NaN,this.resolution=1/0,this.lastScale=Number.NaN,this.baselineDecay=new rs(t),this.deviationDecay=new rs(e),this.shortDecay=new rs(s)}get baseline(){return this.mean}get scale(){return this.lastScale}update(t,e){if(0===this.n)return this.mean=this.shortMean=this.previous=t,this.n=1,0;this.n++;const s=Math.abs(t-this.previous);s>0&&s<this.resolution&&(this.resolution=s),this.previous=t;const i=Math.max(1e-9,this.floorFraction*Math.abs(this.mean),this.resolution===1/0?0:this.resolution),n=1.2533*this.dev+i;this.lastScale=n;const r=t-this.mean,a=Math.abs(r)/n;this.shortMean+=this.shortDecay.at(e)*(t-this.shortMean);const o=Math.abs(this.shortMean-this.mean)/(.45*n),h=Math.max(-this.clipZ*n,Math.min(this.clipZ*n,r));return this.mean+=this.baselineDecay.at(e)*h,this.dev+=this.deviationDecay.at(e)*(Math.abs(h)-this.dev),Math.max(a,o)}reset(){this.mean=this.shortMean=Number.NaN,this.dev=0,this.n=0,this.previous=Number.NaN,this.resolution=1/0,this.lastScale=Number.NaN}}class os{constructor(t=24,e=50,s=2e3){this.bins=t,this.learnSamples=e,this.name="novelty",this.total=0,this.weight=1,this.lo=1/0,this.hi=-1/0,this.width=Number.NaN,this.previousBin=-1,this.seen=0,this.forgetDecay=new rs(s),this.counts=new Float64Array(3*t),this.transitions=new Float64Array(9*t*t)}update(t,e){if(this.seen++,Number.isNaN(this.width)){if(this.lo=Math.min(this.lo,t),this.hi=Math.max(this.hi,t),this.seen<this.learnSamples)return 0;this.width=Math.max(this.hi-this.lo,1e-9+.001*Math.abs(this.hi))/this.bins}const s=this.counts.length,i=Math.max(0,Math.min(s-1,Math.floor((t-this.lo)/this.width)+this.bins));this.weight/=1-this.forgetDecay.at(e),this.weight>1e100&&this.rescale();const n=.5*this.weight;let r=-Math.log((this.counts[i]+n)/(this.total+n*s));if(this.previousBin>=0){const t=this.previousBin*s,e=(this.transitions[t+i]+n)/(this.counts[this.previousBin]+n*s);r=Math.max(r,-Math.log(e)),this.transitions[t+i]+=this.weight}return this.counts[i]+=this.weight,this.total+=this.weight,this.previousBin=i,r}rescale(){const t=1/this.weight;for(let e=0;e<this.counts.length;e++)this.counts[e]*=t;for(let e=0;e<this.transitions.length;e++)this.transitions[e]*=t;this.total*=t,this.weight=1}reset(){this.counts.fill(0),this.transitions.fill(0),this.total=0,this.weight=1,this.lo=1/0,this.hi=-1/0,this.width=Number.NaN,this.previousBin=-1,this.seen=0}}class hs{constructor(t=6,e=3,s=300,i=14,n=24,r=1,a=2,o=1.5){this.levels=t,this.order=e,this.learnSamples=s,this.dayWeight=r,this.fineFactor=a,this.fineWeight=o,this.name="context",this.seen=0,this.lo=1/0,this.hi=-1/0,this.width=Number.NaN,this.keys=new Int32Array(1<<i),this.shift=32-i,this.history=new Int32Array(e),this.slotMs=n>0?864e5/n:0,this.total=e+(n>0?r:0)+o}update(t,e){if(this.seen++,Number.isNaN(this.width)){if(e<this.lo&&(this.lo=e),e>this.hi&&(this.hi=e),this.seen<this.learnSamples)return 0;this.width=Math.max(this.hi-this.lo,1e-9+.001*Math.abs(this.hi))/this.levels}const s=this.levels,i=Math.floor((e-this.lo)/this.width),n=(i<-s?-s:i>2*s?2*s:i)+s+1,r=this.keys,a=this.history;let o=0,h=Math.imul(n,-1640531535);for(let t=0;t<this.order;t++){h=Math.imul(h^a[t],-1640531535)+t|0;const e=h>>>this.shift;r[e]!==h&&(o++,r[e]=h)}if(this.fineWeight>0){const t=s*this.fineFactor,i=Math.floor((e-this.lo)/this.width*this.fineFactor),n=(i<-t?-t:i>2*t?2*t:i)+1e3,h=668265261^Math.imul(7*n+a[0],-1028477379),l=h>>>this.shift;r[l]!==h&&(o+=this.fineWeight,r[l]=h)}if(this.slotMs>0){const e=Math.floor((t%864e5+864e5)%864e5/this.slotMs),s=1540483477^Math.imul(131*n+e,-2048144777),i=s>>>this.shift;r[i]!==s&&(o+=this.dayWeight,r[i]=s)}for(let t=this.order-1;t>0;t--)a[t]=a[t-1];return a[0]=n,o/this.total}reset(){this.keys.fill(0),this.history.fill(0),this.seen=0,this.lo=1/0,this.hi=-1/0,this.width=Number.NaN}}class ls{constructor(t={}){this.kind="anomaly",this.samples=0,this.lastT=Number.NaN,this.typicalDt=Number.NaN,this.histogram=new Float64Array(64),this.histogramTotal=0,this.histogramWeight=1,this.peakMemory=0,this.tree=new Float64Array(65),this.topBin=0,this.sinceHigh=1/0,this.holdLeft=0,this.holdBaseline=0,this.holdScale=0,this.recent0=Number.NaN,this.recent1=Number.NaN,this.armedBaseline=Number.NaN,this.armedScale=0,this.armedSign=0,this.restPeak=0,this.models=t.models??[new as],this.weights=t.weights??null,this.warmupSamples=t.warmupSamples??50,this.threshold=t.threshold??.43,this.surpriseMid=t.surpriseMid??4,this.calibrationHalfLife=t.calibrationHalfLife??500,this.calibrationDecay=new rs(this.calibrationHalfLife>0?this.calibrationHalfLife:1),this.refractoryDecay=new rs(t.refractoryHalfLife??30),this.refractoryFactor=t.refractoryFactor??.5,this.context=t.context??null,this.contextWeight=t.contextWeight??.5,this.restSamples=t.restSamples??150,this.restThreshold=t.restThreshold??.55,this.surpriseWeight=t.surpriseWeight??1,this.restBreakthrough=t.restBreakthrough??.4,this.level=this.models.find(t=>t instanceof as)??null,this.holdSamples=t.holdSamples??256,this.holdZ=t.holdZ??3,this.armThreshold=t.armThreshold??.3,this.armScore=t.armScore??.6}update(t,e){if(Number.isNaN(e))return{active:!1,value:e,score:0,warmingUp:this.samples<this.warmupSamples};const s=this.stepsSince(t),i=this.level?this.level.baseline:0,n=this.level?this.level.scale:0;let r=0;for(let t=0;t<this.models.length;t++){const i=this.models[t].update(e,s);r=this.weights?r+this.weights[t]*i:Math.max(r,i)}this.samples++;const a=this.calibrationHalfLife>0?this.calibrate(r,s):r,o=this.context?this.context.update(t,e):0;if(this.samples<=this.warmupSamples)return{active:!1,value:e,score:0,warmingUp:!0};const h=this.peakMemory;this.peakMemory=Math.max(a,h*(1-this.refractoryDecay.at(s)));const l=a>h?a:a*this.refractoryFactor;let c=l>0?l/(l+this.surpriseMid):0;if(this.context){const t=this.surpriseWeight*c,e=Math.max(this.contextWeight*o+(1-this.contextWeight)*c,this.surpriseWeight*c);this.sinceHigh+=s;const i=this.sinceHigh<this.restSamples;c=i&&(t<=this.restPeak||t<this.restBreakthrough)?0:e,e>=this.restThreshold&&(this.restPeak=i?Math.max(this.restPeak,t):t,this.sinceHigh=0)}const u=a/(a+this.surpriseMid),d=this.confirm(e,u,c,i,n),p=this.hold(e,u>=this.threshold||d,s,i,n);return new cs(p,e,c,r,a)}confirm(t,e,s,i,n){let r=!1;if(0!==this.armedSign){const e=t-this.armedBaseline;r=Math.sign(e)===this.armedSign&&Math.abs(e)>=this.holdZ*this.armedScale,this.armedSign=0}if(!r&&n>0&&(e>=this.armThreshold||s>=this.armScore)){const e=t-i;Math.abs(e)>=this.holdZ*n&&(this.armedBaseline=i,this.armedScale=n,this.armedSign=Math.sign(e))}return r}hold(t,e,s,i,n){const r=this.recent0,a=this.recent1;if(this.recent1=r,this.recent0=t,!this.level||this.holdSamples<=0)return e;if(this.holdLeft>0){this.holdLeft-=s;const e=Number.isNaN(a)?t:Math.max(Math.min(t,r),Math.min(Math.max(t,r),a)),i=this.holdZ*this.holdScale,n=Math.abs(e-this.holdBaseline)>=i,o=Math.abs(e-this.level.baseline)<i;if(n&&!o||(this.holdLeft=0),this.holdLeft>0)return!0}return e&&n>0&&(this.holdLeft=this.holdSamples,this.holdBaseline=i,this.holdScale=n),e}calibrate(t,e){const s=this.histogram,i=s.length,n=8*Math.log1p(t),r=Math.min(i-1,Math.floor(n));this.histogramWeight/=1-this.calibrationDecay.at(e),this.histogramWeight>1e100&&this.rescaleHistogram();const a=this.histogramWeight,o=this.histogramTotal-this.prefixSum(r)-.5*s[r];let h=this.topBin;for(;h>0&&s[h]<.5*a;)h--;const l=Math.max(0,n-h-1)/8,c=(Math.max(0,o)+.5*a)/(this.histogramTotal+a),u=-Math.log10(c)+l;this.histogramTotal+=a,s[r]+=a;for(let t=r+1;t<=i;t+=t&-t)this.tree[t]+=a;return this.topBin=r>h?r:h,u}prefixSum(t){let e=0;for(let s=t;s>0;s-=s&-s)e+=this.tree[s];return e}rescaleHistogram(){const t=1/this.histogramWeight,e=this.histogram.length;this.tree.fill(0);for(let s=0;s<e;s++){this.histogram[s]*=t;for(let t=s+1;t<=e;t+=t&-t)this.tree[t]+=this.histogram[s]}this.histogramTotal*=t,this.histogramWeight=1}reset(){this.histogram.fill(0),this.tree.fill(0),this.topBin=0,this.histogramTotal=0,this.histogramWeight=1,this.peakMemory=0,this.sinceHigh=1/0,this.restPeak=0,this.holdLeft=0,this.recent0=this.recent1=Number.NaN,this.context?.reset();for(const t of this.models)t.reset();this.samples=0,this.lastT=this.typicalDt=Number.NaN}stepsSince(t){const e=t-this.lastT;if(this.lastT=t,!(e>0))return 1;if(Number.isNaN(this.typicalDt))return this.typicalDt=e,1;if(e===this.typicalDt)return 1;const s=Math.min(8,Math.max(.125,e/this.typicalDt));return this.typicalDt*=Math.pow(2,Math.max(-1,Math.min(1,Math.log2(e/this.typicalDt)))/16),s}}class cs{constructor(t,e,s,i,n){this.active=t,this.value=e,this.score=s,this.surprise=i,this.calibrated=n}get reason(){return`surprise ${Ke(this.surprise)}, tail 1e-${Ke(this.calibrated)}`}}function us(t={}){return new ls({models:[new os,new as],context:new hs,...t})}class ds{constructor(t={}){this.lastT=Number.NaN,this.lastV=Number.NaN,this.resets=0,this.counter=t.counter??!0,this.perMs=t.perMs??1e3}update(t,e){if(Number.isNaN(e))return Number.NaN;const s=t-this.lastT;let i=e-this.lastV;return this.counter&&i<0&&(i=e,this.resets++),this.lastT=t,this.lastV=e,s>0?i*this.perMs/s:Number.NaN}reset(){this.lastT=this.lastV=Number.NaN,this.resets=0}}class ps{constructor(t,e){this.inner=t,this.kind=`${t.kind}(rate)`,this.perMs=e.perMs??6e4,this.rate=new ds({counter:e.counter,perMs:this.perMs}),t.tick&&(this.tick=e=>t.tick(e))}update(t,e){const s=this.rate.update(t,e);return Number.isNaN(s)?{active:!1,value:Number.NaN,score:0,warmingUp:!0}:new ms(this.inner.update(t,s),6e4===this.perMs?"/min":`/${this.perMs} ms`)}reset(){this.rate.reset(),this.inner.reset()}}class ms{constructor(t,e){this.inner=t,this.unit=e,this.active=t.active,this.value=t.value,this.score=t.score,void 0!==t.warmingUp&&(this.warmingUp=t.warmingUp)}get reason(){const t=`rate ${function(t){return Math.abs(t)>=100?t.toFixed(0):Number(t.toPrecision(3)).toString()}(this.value)}${this.unit}`;return this.inner.reason?`${t}: ${this.inner.reason}`:t}}function fs(t){return Math.min(.95,Math.max(.05,.9*(1-t)))}function gs(t,e,s){switch(t.type){case"threshold":return new Ye({above:t.above,below:t.below,recoverAbove:t.recover_below,recoverBelow:t.recover_above,m:t.m_of_n?.m,n:t.m_of_n?.n});case"trend":return new ts({windowMs:t.window,minSlopePerHour:void 0===t.min_gradient?void 0:3600*Math.abs(t.min_gradient),direction:t.direction??(void 0!==t.min_gradient&&t.min_gradient<0?"down":"up"),limit:t.limit,horizonMs:t.horizon,minSamples:t.min_samples});case"anomaly":{const e=us({threshold:fs(t.sensitivity)});return"value"===function(t,e){return"auto"!==t?t:"total_increasing"===e?.stateClass||"total"===e?.stateClass?"rate":"value"}(t.input,s)?e:new ps(e,{counter:"total"!==s?.stateClass&&"measurement"!==s?.stateClass})}case"nodata":return"unavailable"===t.when?new is:void 0===t.max_age?new es({minStaleMs:9e5}):new es({expectedIntervalMs:t.max_age,factor:1,minStaleMs:t.max_age})}}const vs=new TextEncoder;function ys(t){return`hv1-${function(t){let e=14695981039346656037n;for(const s of vs.encode(t))e^=BigInt(s),e=1099511628211n*e&18446744073709551615n;return e.toString(16).padStart(16,"0")}(`${t.reason}|${t.service}|${t.alertKey}|${t.at}|${t.members.join(",")}`)}`}function bs(t){let e=0;for(;e<t.notify.length&&0===t.notify[e].after;)e++;return e}function ws(t,e){return void 0!==t.send_resolved?t.send_resolved:e.startsWith("notify.")||e.startsWith("persistent_notification.")}function _s(t,e){const s=t.notify.filter(t=>0===t.after).flatMap(t=>t.service).join("+");return`${s}{${t.group_by.map(t=>`${t}=${e.labels[t]??""}`).join(",")}}`}function $s(t){if(!Number.isFinite(t))return String(t);const e=Math.abs(t);return 0!==e&&(e>=1e6||e<.001)?t.toExponential(2):String(Math.round(100*t)/100)}function xs(t,e){if(e.message)return e.message.replace(/\{(name|entity|value|reason|severity|for)\}/g,(s,i)=>{switch(i){case"name":return t.rule;case"entity":return t.seriesId;case"value":return $s(t.value);case"reason":return t.reason??"";case"severity":return t.severity;default:return Jt(e.for)}});const s=t.reason?` (${t.reason})`:"";return`${t.seriesId} = ${$s(t.value)}${s}`}class Ns{constructor(t={alerts:{},groups:{},sent:{},log:[]}){this.state=t}alertState(t){let e=this.state.alerts[t];return e||(e=this.state.alerts[t]={phase:"idle",tiersSent:0,throttled:0,snoozed:0,flapSuppressed:0,flapChanges:[],flapping:!1}),e}plan(t){const e=[],s=new Map(t.instances.map(t=>[t.key,t]));this.flapStage(t,s,e);for(const e of t.instances){const s=t.rules.get(e.rule);s&&this.alertStage(e,s,t)}this.groupStage(t,s,e);for(const s of t.instances){const i=t.rules.get(s.rule);i&&this.escalationStage(s,i,t,e)}return this.dedupAndLog(e,t.now)}flapStage(t,e,s){for(const i of t.transitions){if("firing"!==i.to&&"resolved"!==i.to)continue;const n=e.get(i.alertKey),r=n&&t.rules.get(n.rule);if(!n||!r)continue;const a=this.alertState(n.key);a.flapChanges.push(i.at);const o=i.at-r.flap_window;for(;a.flapChanges.length&&a.flapChanges[0]<o;)a.flapChanges.shift();if(!a.flapping&&a.flapChanges.length>=r.flap_threshold){a.flapping=!0,a.flapSuppressed=0;const t=`Flapping: ${n.rule} on ${n.seriesId}`,e=`${a.flapChanges.length} state changes in ${Jt(r.flap_window)}; notifications paused until it is stable for ${Jt(r.flap_window)}. Now ${xs(n,r)}`;this.emit(s,r,"flapping",n.key,i.at,[n.key],t,e,bs(r))}}for(const e of t.instances){const i=this.state.alerts[e.key],n=t.rules.get(e.rule);if(!i?.flapping||!n)continue;const r=(i.flapChanges[i.flapChanges.length-1]??-1/0)+n.flap_window;if(r>t.now)continue;i.flapping=!1,i.flapChanges=[];const a=`Stopped flapping: ${e.rule} on ${e.seriesId}`,o=`${i.flapSuppressed} notifications suppressed while flapping; now ${"firing"===e.state?"firing":"ok"}: ${xs(e,n)}`;i.flapSuppressed=0,this.emit(s,n,"summary",e.key,r,[e.key],a,o,bs(n)),"firing"===e.state?(i.episode=e.firedAt,i.phase="notified",i.lastNotifiedAt=r,i.tiersSent=Math.max(i.tiersSent,bs(n))):i.phase="done"}}alertStage(t,e,s){const i=s.now,n=this.alertState(t.key),r="firing"===t.state;r&&t.firedAt!==n.episode&&("queued"===n.phase&&this.unqueue(e,t,"firing"),n.episode=t.firedAt,n.phase="idle",n.tiersSent=0,n.heldBack=void 0);const a=s.suppression(t),o=a.silenced||a.inhibited||a.acked;r&&"idle"===n.phase?n.flapping?(n.flapSuppressed++,n.phase="suppressed"):a.snoozed?(n.snoozed++,n.phase="suppressed"):o?n.heldBack=!0:void 0!==n.lastNotifiedAt&&t.firedAt<n.lastNotifiedAt+e.throttle?(n.throttled++,n.phase="suppressed"):(n.phase="queued",this.queue(e,t,"firing",n.heldBack?Math.max(i,t.firedAt):t.firedAt),n.heldBack=void 0):"queued"!==n.phase||r&&!a.acked&&!o?r||"notified"!==n.phase?r||"suppressed"!==n.phase||(n.phase="done"):n.flapping?(n.flapSuppressed++,n.phase="done"):(n.phase="resolvedQueued",this.queue(e,t,"resolved",t.resolvedAt??i)):(this.unqueue(e,t,"firing"),n.phase=r?"idle":"done")}escalationStage(t,e,s,i){const n=s.now,r=this.alertState(t.key),a="firing"===t.state,o=s.suppression(t),h=o.silenced||o.inhibited||o.acked;if(a&&"notified"===r.phase&&!h&&!o.snoozed){const s=void 0!==t.snoozedUntil&&t.snoozedUntil>t.firedAt?t.snoozedUntil:t.firedAt;for(;r.tiersSent<e.notify.length;){const a=s+e.notify[r.tiersSent].after;if(a>n)break;const o=Jt(a-t.firedAt),h=`Escalation: ${t.severity.toUpperCase()} ${t.rule} on ${t.seriesId}`,l=`Unacknowledged for ${o}: ${xs(t,e)}`;this.emitTier(i,e,r.tiersSent,"escalation",t.key,a,[`${t.key}@${t.firedAt}`],h,l),r.tiersSent++}}if(r.throttled>0&&void 0!==r.lastNotifiedAt&&r.lastNotifiedAt+e.throttle<=n){const s=r.lastNotifiedAt+e.throttle;this.summary(i,t,e,r,s,`${r.throttled} more firing${1===r.throttled?"":"s"} suppressed by the ${Jt(e.throttle)} throttle`),r.throttled=0}r.snoozed>0&&void 0!==t.snoozedUntil&&t.snoozedUntil<=n&&(this.summary(i,t,e,r,t.snoozedUntil,`${r.snoozed} more firing${1===r.snoozed?"":"s"} suppressed while snoozed`),r.snoozed=0)}summary(t,e,s,i,n,r){const a="firing"===e.state,o=`Summary: ${e.rule} on ${e.seriesId}`,h=`${r}; now ${a?"firing":"ok"}: ${xs(e,s)}`;this.emit(t,s,"summary",e.key,n,[e.key],o,h,bs(s)),i.lastNotifiedAt=n,a&&"suppressed"===i.phase&&(i.phase="notified",i.tiersSent=Math.max(i.tiersSent,bs(s)))}group(t,e){const s=_s(t,e);let i=this.state.groups[s];return i||(i=this.state.groups[s]={firing:[],resolved:[]}),i}queue(t,e,s,i){const n=this.group(t,e);n[s].push(e.key);const r=void 0===n.lastFlushAt?void 0:n.lastFlushAt+t.group_interval;let a;a="firing"===s&&(void 0===r||r<=i)?i+t.group_wait:Math.max(r??i,i),n.flushAt=void 0===n.flushAt?a:Math.min(n.flushAt,a)}unqueue(t,e,s){const i=this.group(t,e);i[s]=i[s].filter(t=>t!==e.key)}groupStage(t,e,s){const i=t.now;for(const n of Object.keys(this.state.groups).sort()){const r=this.state.groups[n];if(void 0!==r.flushAt&&r.flushAt<=i?this.flush(n,r,t,e,s):0===r.firing.length&&0===r.resolved.length&&(r.flushAt=void 0),this.repeat(n,r,t,s),0===r.firing.length&&0===r.resolved.length&&!this.notifiedMembers(n,t).length&&void 0!==r.lastFlushAt){const e=this.firstRule(n,t);(!e||r.lastFlushAt+e.group_interval<=i)&&delete this.state.groups[n]}}}firstRule(t,e){for(const s of e.instances){const i=e.rules.get(s.rule);if(i&&_s(i,s)===t)return i}}notifiedMembers(t,e){return e.instances.filter(s=>{const i=e.rules.get(s.rule);return i&&"firing"===s.state&&"notified"===this.state.alerts[s.key]?.phase&&_s(i,s)===t})}flush(t,e,s,i,n){const r=e.flushAt,a=e.firing.map(t=>i.get(t)).filter(t=>t&&t.firedAt<=r),o=e.resolved.map(t=>i.get(t)).filter(t=>t&&(t.resolvedAt??-1/0)<=r);e.firing=e.firing.filter(t=>!a.some(e=>e.key===t)),e.resolved=e.resolved.filter(t=>!o.some(e=>e.key===t));const h=a[0]??o[0],l=h&&s.rules.get(h.rule);if(e.flushAt=void 0,!l)return;e.lastFlushAt=r,(e.firing.length||e.resolved.length)&&(e.flushAt=r+l.group_interval);const c=[...a,...o],u=1===c.length?c[0].key:`group:${t}`,d=c.map(t=>`${t.key}@${t.firedAt}`).sort();if(a.length){const t=1===a.length?`${a[0].severity.toUpperCase()}: ${a[0].rule} on ${a[0].seriesId}`:`${a.length} alerts firing: ${[...new Set(a.map(t=>t.rule))].join(", ")}`,e=a.map(t=>xs(t,s.rules.get(t.rule)));o.length&&e.push(`Resolved: ${o.map(t=>t.seriesId).join(", ")}`);const i=bs(l);for(let s=0;s<i;s++)this.emitTier(n,l,s,"firing",u,r,d,t,e.join("\n"));for(const t of a){const e=this.alertState(t.key);e.phase="notified",e.lastNotifiedAt=r,e.tiersSent=Math.max(e.tiersSent,i)}}else{const t=1===o.length?`Resolved: ${o[0].rule} on ${o[0].seriesId}`:`${o.length} alerts resolved: ${[...new Set(o.map(t=>t.rule))].join(", ")}`,e=o.map(t=>`${xs(t,s.rules.get(t.rule))}; fired ${Jt((t.resolvedAt??r)-(t.firedAt??r))} ago`).join("\n"),i=Math.max(...o.map(t=>this.alertState(t.key).tiersSent),bs(l));for(let s=0;s<i&&s<l.notify.length;s++)this.emitTier(n,l,s,"resolved",u,r,d,t,e,!0)}for(const t of o)this.alertState(t.key).phase="done"}repeat(t,e,s,i){if(void 0===e.lastFlushAt)return;const n=this.notifiedMembers(t,s).filter(t=>{const e=s.suppression(t);return!(e.acked||e.silenced||e.inhibited||e.snoozed||this.state.alerts[t.key].flapping)});if(!n.length)return;const r=s.rules.get(n[0].rule),a=e.lastFlushAt+r.repeat_interval;if(a>s.now)return;e.lastFlushAt=a;const o=1===n.length?`Still firing: ${n[0].rule} on ${n[0].seriesId}`:`${n.length} alerts still firing`,h=n.map(t=>`${xs(t,s.rules.get(t.rule))}; firing for ${Jt(a-t.firedAt)}`).join("\n"),l=1===n.length?n[0].key:`group:${t}`,c=n.map(t=>`${t.key}@${t.firedAt}`).sort();for(let t=0;t<bs(r);t++)this.emitTier(i,r,t,"repeat",l,a,c,o,h);for(const t of n)this.alertState(t.key).lastNotifiedAt=a}emit(t,e,s,i,n,r,a,o,h){for(let l=0;l<Math.max(1,h)&&l<e.notify.length;l++)this.emitTier(t,e,l,s,i,n,r,a,o)}emitTier(t,e,s,i,n,r,a,o,h,l=!1){const c=e.notify[s];for(const e of c.service){if(l&&!ws(c,e))continue;const u={...c.data};e.startsWith("notify.")&&(u.tag??=n),e.startsWith("persistent_notification.")&&(u.notification_id??=`ha_vitals_${n}`.replace(/[^a-zA-Z0-9_]/g,"_")),t.push({id:ys({reason:i,service:e,alertKey:n,at:r,members:a}),channel:c.name??`tier${s}`,service:e,title:o,message:h,data:u,reason:i,alertKey:n,at:r})}}dedupAndLog(t,e){const s=[];for(const e of t)e.id in this.state.sent||(this.state.sent[e.id]=e.at,s.push(e));for(const[t,s]of Object.entries(this.state.sent))s<e-6048e5&&delete this.state.sent[t];return s.sort((t,e)=>t.at-e.at||t.alertKey.localeCompare(e.alertKey)||t.service.localeCompare(e.service)||t.id.localeCompare(e.id)),this.state.log.push(...s),this.state.log.length>200&&this.state.log.splice(0,this.state.log.length-200),s}}function Ms(t,e){return{key:`${t.name}/${e}`,rule:t.name,seriesId:e,severity:t.severity,labels:{...t.labels,alertname:t.name,entity:e,severity:t.severity},state:"inactive",active:!1,value:Number.NaN,score:0}}function ks(t,e,s,i){const n=t.state;t.state=e,"pending"===e&&(t.activeAt=s),"firing"===e&&(t.firedAt=s,t.clearedAt=void 0,t.resolvedAt=void 0),"resolved"===e&&(t.resolvedAt=s,t.clearedAt=void 0),"resolved"!==e&&"inactive"!==e||(t.ack=void 0,t.activeAt=void 0),i.push({alertKey:t.key,rule:t.rule,seriesId:t.seriesId,from:n,to:e,at:s,value:t.value,severity:t.severity,reason:t.reason})}function Ss(t,e,s,i,n=!0){if("pending"===t.state&&t.active&&void 0!==t.activeAt){const r=t.activeAt+e.for;(r<s||n&&r===s&&0===e.for)&&ks(t,"firing",r,i)}if("firing"===t.state&&!t.active&&void 0!==t.clearedAt){const r=t.clearedAt+e.keep_firing_for;(r<s||n&&r===s)&&ks(t,"resolved",r,i)}}function As(t,e,s,i,n){Ss(t,e,s,n,!1);const r=i.active&&!i.warmingUp;t.active=r,t.value=i.value,t.score=i.score,t.reason=i.reason,r?"inactive"===t.state||"resolved"===t.state?0===e.for?ks(t,"firing",s,n):ks(t,"pending",s,n):"firing"===t.state&&(t.clearedAt=void 0):"pending"===t.state?ks(t,"inactive",s,n):"firing"===t.state&&(t.clearedAt??=s,Ss(t,e,s,n,!0))}const Ts=new Map;function zs(t){let e=Ts.get(t);if(void 0===e){try{e=new RegExp(`^(?:${t})$`)}catch{e=null}Ts.set(t,e)}return e}function Cs(t,e,s){return t.filter(t=>function(t,e){return t.startsAt<=e&&e<t.endsAt}(t,s)&&function(t,e){return e.every(e=>function(t,e){const s=t[e.name]??"";switch(e.op??"="){case"=":return s===e.value;case"!=":return s!==e.value;case"=~":return zs(e.value)?.test(s)??!1;case"!~":return!zs(e.value)?.test(s)}}(t,e))}(e,t.matchers))}class Is{constructor(t){this.slots=new Map,this.bySeries=new Map,this.hints=new Map,this.silencesList=[],this.outbox=[],this.connection={state:"connected",since:-1/0},this.planner=new Ns,this.config=Array.isArray(t.config)?{rules:[...t.config],inhibit:Be.map(t=>({...t,target_severity:[...t.target_severity],equal:[...t.equal]})),reconnect_grace:12e4}:t.config,this.clock=t.clock,this.factory=t.detectorFactory??gs,this.notifications=t.notifications??!0,this.rules=new Map(this.config.rules.filter(t=>t.enabled).map(t=>[t.name,t]))}static fromJSON(t,e){const s=new Is(e);return s.load(t),s}ingest(t,e,s){const i=this.bySeries.get(t)??this.slotsFor(t);for(let t=0;t<i.length;t++){const n=i[t],r=n.detector.update(e,s);n.inst.lastSampleAt=e,Number.isNaN(s)&&"nodata"!==n.rule.type||As(n.inst,n.rule,e,r,this.outbox)}}describeSeries(t,e){const s=this.hints.get(t);if(s?.stateClass!==e.stateClass){this.hints.set(t,{...e});for(const s of this.bySeries.get(t)??[])s.detector=this.factory(s.rule,t,e)}}setConnection(t,e=this.clock.now()){if(t!==this.connection.state){this.connection={state:t,since:e};for(const s of this.slots.values())"nodata"===s.rule.type&&("reconnecting"===t&&"pending"===s.inst.state&&(s.inst.state="inactive",s.inst.activeAt=void 0,s.inst.active=!1),"connected"===t&&s.detector.noteReconnect?.(e))}}evaluate(t=this.clock.now()){const e="reconnecting"===this.connection.state||t<this.connection.since+this.config.reconnect_grace;for(const s of this.slots.values()){const{inst:i,rule:n,detector:r}=s;if(!r.tick||e&&"nodata"===n.type)Ss(i,n,t,this.outbox);else{const e=r.tick(t);"nodata"===n.type||e.active!==i.active?As(i,n,t,e,this.outbox):Ss(i,n,t,this.outbox)}}const s=this.outbox;this.outbox=[],s.length>1&&s.sort((t,e)=>t.at-e.at);let i=[];if(this.notifications){const e=[...this.slots.values()].map(t=>t.inst).sort((t,e)=>t.key<e.key?-1:t.key>e.key?1:0);i=this.planner.plan({now:t,instances:e,rules:this.rules,transitions:s,suppression:e=>this.suppression(e,t)})}return{transitions:s,intents:i}}ack(t,e,s=this.clock.now()){const i=this.slots.get(t);return!(!i||"pending"!==i.inst.state&&"firing"!==i.inst.state||(i.inst.ack=void 0===e?{at:s}:{at:s,by:e},0))}unack(t){const e=this.slots.get(t);return!!e?.inst.ack&&(e.inst.ack=void 0,!0)}snooze(t,e){const s=this.slots.get(t);return!!s&&(s.inst.snoozedUntil=e,!0)}addSilence(t){this.silencesList=[...this.silencesList.filter(e=>e.id!==t.id),t]}removeSilence(t){const e=this.silencesList.length;return this.silencesList=this.silencesList.filter(e=>e.id!==t),this.silencesList.length!==e}silences(){return this.silencesList}alerts(t=this.clock.now()){return[...this.slots.values()].map(({inst:e})=>{const s=this.suppression(e,t);return{...e,labels:{...e.labels},acknowledged:s.acked,snoozed:s.snoozed,silenced:s.silenced,inhibitedBy:this.inhibitors(e),flapping:this.planner.state.alerts[e.key]?.flapping??!1}}).sort((t,e)=>t.key<e.key?-1:1)}notificationLog(){return this.planner.state.log}toJSON(){return JSON.parse(JSON.stringify({version:1,savedAt:this.clock.now(),connection:{state:this.connection.state,since:Number.isFinite(this.connection.since)?this.connection.since:null},instances:[...this.slots.values()].map(t=>t.inst),silences:this.silencesList,planner:this.planner.state}))}load(t){const e=t;if(!e||"object"!=typeof e||1!==e.version)throw new Error(`alert state: unsupported version ${JSON.stringify(e&&"object"==typeof e?e.version:e)} (expected 1)`);for(const t of e.instances??[]){const e=this.rules.get(t.rule);if(!e)continue;const s=this.slot(e,t.seriesId);Object.assign(s.inst,t,{value:t.value??Number.NaN})}this.silencesList=[...e.silences??[]];const s=e.connection?.since;this.connection={state:e.connection?.state??"connected",since:"number"==typeof s?s:-1/0},this.planner.state=e.planner??{alerts:{},groups:{},sent:{},log:[]}}slotsFor(t){const e=[];for(const s of this.rules.values())(0===s.entity.length||s.entity.includes(t))&&e.push(this.slot(s,t));return this.bySeries.set(t,e),e}slot(t,e){const s=`${t.name}/${e}`;let i=this.slots.get(s);return i||(i={inst:Ms(t,e),rule:t,detector:this.factory(t,e,this.hints.get(e))},this.slots.set(s,i)),i}suppression(t,e){return{snoozed:void 0!==t.snoozedUntil&&e<t.snoozedUntil,silenced:this.silencesList.length>0&&Cs(this.silencesList,t.labels,e).length>0,inhibited:this.inhibitors(t).length>0,acked:void 0!==t.ack}}inhibitors(t){const e=[];for(const s of this.config.inhibit)if(s.target_severity.includes(t.severity))for(const{inst:i}of this.slots.values())i!==t&&"firing"===i.state&&i.severity===s.source_severity&&(ve[i.severity]<=ve[t.severity]||s.equal.every(e=>(i.labels[e]??"")===(t.labels[e]??""))&&e.push(i.key));return e}}class Es{constructor(t,e){this.transport=t,this.unavailableUntil=-1/0,this.opts={topicPrefix:"ha-vitals/claims",buckets:64,settleMs:1500,decideMs:3e3,retryAfterMs:6e5,now:()=>Date.now(),sleep:t=>new Promise(e=>setTimeout(e,t)),random:()=>Math.random().toString(36).slice(2,12),...e}}async claim(t){if(this.opts.now()<this.unavailableUntil)return"unavailable";const e=function(t,e="ha-vitals/claims",s=64){const i=parseInt(t.slice(-6),16);return`${e}/${(Number.isFinite(i)?i:t.length)%s}`}(t,this.opts.topicPrefix,this.opts.buckets),s=[];let i,n=()=>{};try{i=await this.transport.subscribe(e=>{const i=function(t){const e=t?.payload;if("string"==typeof e)try{const t=JSON.parse(e);return"string"==typeof t.intent&&"string"==typeof t.device&&"string"==typeof t.nonce?t:void 0}catch{return}}(e);i?.intent===t&&(s.push(i),n())},{type:"mqtt/subscribe",topic:e})}catch{return this.unavailableUntil=this.opts.now()+this.opts.retryAfterMs,"unavailable"}try{if(await this.opts.sleep(this.opts.settleMs),s.length)return"lost";const i={intent:t,device:this.opts.deviceId,nonce:this.opts.random()};try{await this.transport.callService("mqtt","publish",{topic:e,payload:JSON.stringify(i),retain:!0,qos:1})}catch{return"unavailable"}const r=()=>s.some(t=>t.nonce===i.nonce);return r()||await Promise.race([this.opts.sleep(this.opts.decideMs),new Promise(t=>{n=()=>{r()&&t()}})]),r()?s[0].nonce===i.nonce?"won":"lost":s.length?"lost":"unavailable"}finally{await i().catch(()=>{})}}}const Os="ha-vitals:device-id";function Ps(t,e=()=>Math.random().toString(36).slice(2,12)){const s=t?.getItem(Os);if(s)return s;const i=`dev-${e()}`;return t?.setItem(Os,i),i}const Rs="ha-vitals:alerts:",Fs="ha-vitals:sent-intents";function Us(t){const e=t.indexOf(".");return[t.slice(0,e),t.slice(e+1)]}function Ds(t){const[e]=Us(t.service);return"notify"===e||"persistent_notification"===e?{title:t.title,message:t.message,...t.data}:{...t.data}}function Ls(t=localStorage){const e=()=>{try{return JSON.parse(t.getItem(Fs)??"{}")}catch{return{}}},s=async(s,i)=>{if(e()[s])return!1;await i();const n=Date.now(),r=e();r[s]=n;for(const[t,e]of Object.entries(r))n-e>6048e5&&delete r[t];return t.setItem(Fs,JSON.stringify(r)),!0};return{once:(t,e)=>navigator.locks?navigator.locks.request(`ha-vitals-intent-${t}`,()=>s(t,e)):s(t,e)}}class js{constructor(t,e,s={}){this.store=t,this.services=e,this.scopes=new Map,this.listeners=new Set,this.transitionLog=[],this.failures=[],this.deliveries=[],this.clock=s.clock??{now:()=>Date.now()};const i=s.storage??("undefined"!=typeof localStorage?localStorage:void 0);var n,r;this.opts={evaluateEveryMs:s.evaluateEveryMs??5e3,lingerMs:s.lingerMs??3e4,storage:i,gate:s.gate??(n=Ls(i),r=new Es({subscribe:(e,s)=>t.subscribeMessage(e,s),callService:(t,s,i)=>e.callService(t,s,i)},{deviceId:Ps(i)}),{once:(t,e)=>n.once(t,async()=>{"lost"!==await r.claim(t)&&await e()})}),setInterval:s.setInterval??((t,e)=>globalThis.setInterval(t,e)),clearInterval:s.clearInterval??(t=>globalThis.clearInterval(t))},t.onStatus(t=>{const e="reconnecting"===t?"reconnecting":"connected";for(const t of this.scopes.values())t.engine.setConnection(e,this.clock.now())})}onChange(t){return this.listeners.add(t),()=>this.listeners.delete(t)}register(t){let e=this.scopes.get(t.id);e||(e=this.start(t),this.scopes.set(t.id,e)),void 0!==e.lingerTimer&&(globalThis.clearTimeout(e.lingerTimer),e.lingerTimer=void 0),e.users++,this.ensureTimer();let s=!1;const i=e;return()=>{s||(s=!0,--i.users>0||(this.persist(i),i.lingerTimer=globalThis.setTimeout(()=>this.stopScope(i),this.opts.lingerMs)))}}stopIdleScopes(){for(const t of[...this.scopes.values()])t.users>0||(void 0!==t.lingerTimer&&globalThis.clearTimeout(t.lingerTimer),this.stopScope(t))}stopScope(t){t.users>0||(t.lingerTimer=void 0,this.persist(t),t.stops.forEach(t=>t()),this.scopes.delete(t.scope.id),0===this.scopes.size&&void 0!==this.timer&&(this.opts.clearInterval(this.timer),this.timer=void 0))}scopeConfig(t){return this.scopes.get(t)?.scope.config}alerts(){const t=this.clock.now(),e={firing:0,pending:1,resolved:2,inactive:3},s={critical:0,warning:1,info:2};return[...this.scopes.values()].flatMap(e=>e.engine.alerts(t).map(t=>({...t,scope:e.scope.id}))).sort((t,i)=>e[t.state]-e[i.state]||s[t.severity]-s[i.severity]||t.key.localeCompare(i.key))}get transitions(){return this.transitionLog}ack(t,e,s){return this.act(t,t=>t.ack(e,s,this.clock.now()))}snooze(t,e,s){return this.act(t,t=>t.snooze(e,this.clock.now()+s))}silence(t,e){return this.act(t,t=>(t.addSilence(e),!0))}async evaluate(){const t=this.clock.now();for(const e of this.scopes.values()){if(!e.warm)continue;this.feed(e);const{transitions:s,intents:i}=e.engine.evaluate(t);this.log(e,s);for(const t of i)await this.perform(t);(s.length||i.length)&&this.persist(e)}this.scopes.size&&this.emit()}start(t){const e=this.opts.storage?.getItem(Rs+t.id);let s;try{s=e?Is.fromJSON(JSON.parse(e),{config:t.config,clock:this.clock}):new Is({config:t.config,clock:this.clock})}catch{s=new Is({config:t.config,clock:this.clock})}const i={scope:t,engine:s,users:0,stops:[],ingested:new Map,warm:!1};for(const t of s.alerts(this.clock.now()))void 0!==t.lastSampleAt&&i.ingested.set(t.seriesId,Math.max(i.ingested.get(t.seriesId)??-1/0,t.lastSampleAt));const n=t.warmupMs??36e5;for(const e of t.entities)i.stops.push(this.store.watch(e,t=>{const s=t?.attributes.state_class;"string"==typeof s&&i.engine.describeSeries(e,{stateClass:s}),i.warm&&this.feed(i)},{historyMs:n}));return Promise.all(t.entities.map(t=>this.store.history.ensure(t,n).catch(()=>{}))).then(()=>this.warmUp(i)),i}warmUp(t){if(!this.scopes.has(t.scope.id)&&0===t.users)return;this.feed(t);const{transitions:e}=t.engine.evaluate(this.clock.now());this.log(t,e),t.warm=!0,this.persist(t),this.emit()}feed(t){for(const e of t.scope.entities){const s=this.store.series(e);if(!s)continue;const i=t.ingested.get(e)??-1/0;let n=i;s.forEachInRange(i,1/0,(s,r)=>{s<=i||(t.engine.ingest(e,s,r),n=s)}),t.ingested.set(e,n)}}async perform(t){const[e,s]=Us(t.service);try{let i=!1;await this.opts.gate.once(t.id,async()=>{await this.services.callService(e,s,Ds(t)),i=!0})&&(this.deliveries.push({intent:t,at:this.clock.now(),by:i?"this-device":"other-device"}),this.deliveries.length>50&&this.deliveries.shift(),this.emit())}catch(e){this.failures.push({intent:t,error:e?.message??String(e)}),this.failures.length>50&&this.failures.shift()}}act(t,e){const s=this.scopes.get(t);if(!s)return!1;const i=e(s.engine);return i&&(this.persist(s),this.emit()),i}log(t,e){for(const s of e)this.transitionLog.push({...s,scope:t.scope.id});this.transitionLog.length>200&&this.transitionLog.splice(0,this.transitionLog.length-200)}persist(t){try{this.opts.storage?.setItem(Rs+t.scope.id,JSON.stringify(t.engine.toJSON()))}catch{}}ensureTimer(){void 0===this.timer&&(this.timer=this.opts.setInterval(()=>{this.evaluate()},this.opts.evaluateEveryMs))}emit(){for(const t of this.listeners)t()}}const Hs=new WeakMap;function Bs(t,e){let s=Hs.get(t);return s||(s=new js(t,e),Hs.set(t,s)),s}var qs=Object.freeze({__proto__:null,AlertHub:js,alertHubFor:Bs,browserIntentGate:Ls,serviceData:Ds});function Ws(t,e,s,i,n=2){const r=Math.min(t.length,e.length);let a=1/0,o=-1/0,h=1/0,l=-1/0;for(let s=0;s<r;s++){const i=e[s];Number.isNaN(i)||(i<a&&(a=i),i>o&&(o=i),t[s]<h&&(h=t[s]),t[s]>l&&(l=t[s]))}if(a===1/0)return{d:"",min:NaN,max:NaN,points:0};const c=l-h||1,u=o-a||1,d=Math.max(1,s-2*n),p=Math.max(1,i-2*n),m=t=>n+(t-h)/c*d,f=t=>n+p-(t-a)/u*p,g=[];let v=!1,y=0,b=-1,w=0,_=0,$=!0;const x=()=>{if(b<0)return;const t=(n+b).toFixed(1),[e,s]=$?[w,_]:[_,w];g.push(`${v?"L":"M"}${t},${f(e).toFixed(1)}`),y++,s!==e&&(g.push(`L${t},${f(s).toFixed(1)}`),y++),v=!0,b=-1};for(let s=0;s<r;s++){const i=e[s];if(Number.isNaN(i)){x(),v=!1;continue}const r=Math.min(d,Math.floor(m(t[s])-n));r!==b?(x(),b=r,w=i,_=i,$=!0):i<w?(w=i,$=!1):i>_&&(_=i,$=!0)}return x(),{d:g.join(""),min:a,max:o,points:y}}function Vs(t){return ue(t,{passThrough:ce,what:"a card configuration (a mapping)"})}fe(oe(ue({value:te,severity:fe(ye,"warning"),color:ge(Yt)}),"thresholds"),[]);const Js="vitals-metric-card",Gs=["current","mean","min","max","p50","p90","p95","p99","rate","availability"],Zs=Kt("threshold value",'a number or an entity id like "input_number.cpu_limit"',t=>"number"==typeof t&&Number.isFinite(t)||"string"==typeof t&&/^[a-z0-9_]+\.[a-z0-9_]+$/.test(t)),Ks=t=>fe(Kt("boolean","true or false",t=>"boolean"==typeof t),t),Xs=Vs({entity:re,name:ge(Yt),decimals:ge(ee(0,10,!0)),stat:fe(se(Gs),"current"),window:fe(ie,"5m"),direction:fe(se(["above","below"]),"above"),thresholds:fe(oe(ue({value:Zs,severity:fe(se(["critical","warning","info"]),"warning")}),"thresholds"),[]),show_stats:Ks(!0),show_sparkline:Ks(!0),alerts:ge(Kt("alerts","a list of alert rules",()=>!0))});function Ys(t,e,s){const{values:i}=t.copyRange(e,s);let n=0;for(let t=0;t<i.length;t++)Number.isNaN(i[t])||(i[n++]=i[t]);return i.subarray(0,n).sort()}function Qs(t,e){if(0===t.length)return Number.NaN;const s=(t.length-1)*e,i=Math.floor(s),n=Math.min(t.length-1,i+1);return t[i]+(t[n]-t[i])*(s-i)}function ti(t,e,s){const i=Ys(t,e,s);let n=0;for(let t=0;t<i.length;t++)n+=i[t];return{count:i.length,min:i.length?i[0]:Number.NaN,mean:i.length?n/i.length:Number.NaN,p95:Qs(i,.95),max:i.length?i[i.length-1]:Number.NaN}}function ei(t,e,s,i){switch(e){case"current":return t.latest()?.v??Number.NaN;case"rate":return function(t,e,s,i={}){let n=Number.NaN,r=Number.NaN,a=Number.NaN,o=Number.NaN;if(t.forEachInRange(e,s,(t,e)=>{Number.isNaN(e)||(Number.isNaN(n)&&(n=t,a=e),r=t,o=e)}),!(r>n))return Number.NaN;const h=i.counter??!0?function(t,e,s){let i=Number.NaN,n=0,r=0;return t.forEachInRange(e,s,(t,e)=>{Number.isNaN(e)||(r++,Number.isNaN(i)||(n+=e>=i?e-i:e),i=e)}),r<2?Number.NaN:n}(t,e,s):o-a;return h*(i.perMs??1e3)/(r-n)}(t,s,i,{counter:!0,perMs:1e3});case"availability":return 100*function(t,e,s){if(!(s>e)||0===t.length)return Number.NaN;let i=Math.max(0,t.upperBound(e)-1),n=0,r=0;for(;i<t.length;i++){const a=Math.max(e,t.timeAt(i));if(a>=s)break;const o=i+1<t.length?Math.min(s,t.timeAt(i+1)):s;o<=a||(n+=o-a,Number.isNaN(t.valueAt(i))||(r+=o-a))}return n>0?r/n:Number.NaN}(t,s,i);case"mean":return ti(t,s,i).mean;case"min":case"max":{const n=ti(t,s,i);return"min"===e?n.min:n.max}default:{const n=Number(e.slice(1))/100;return Qs(Ys(t,s,i),n)}}}const si={info:1,warning:2,critical:3};class ii extends wt{constructor(){super(...arguments),this._revision=0}setConfig(t){this._config=function(t){const e=Rt(Xs,t);if(!e.ok)throw new Error(`${Js}: ${Ut(e.errors)}`);let s;if(void 0!==e.value.alerts){const t=Ge(e.value.alerts);if(!t.ok)throw new Error(`${Js}: ${Ut(t.errors)}`);s=t.value}return{...e.value,alerts:s,type:e.value.type??`custom:${Js}`}}(t),this.attach()}start(t,e,s){this._snapshot=void 0;const i="current"===t.stat?void 0:t.window;this.disposers.push(e.watch(t.entity,t=>{this._snapshot=t,this._revision++},{historyMs:i}));for(const s of t.thresholds)"string"==typeof s.value&&this.disposers.push(e.watch(s.value,()=>this._revision++));if(this.hub=void 0,t.alerts){const i=Bs(e,function(t){return{callService:(e,s,i)=>t.sendMessagePromise({type:"call_service",domain:e,service:s,service_data:i})}}(s));this.hub=i,this.disposers.push(i.register({id:`metric:${t.entity}:${JSON.stringify(t.alerts)}`,entities:[t.entity],config:t.alerts})),this.disposers.push(i.onChange(()=>this._revision++))}}static async getConfigElement(){return await(import("./ha-vitals-editor-BpZHUEbh.js")),document.createElement("vitals-metric-card-editor")}severity(t){const e=this._config,s=function(t,e,s,i){if(!Number.isFinite(t))return;let n;for(const r of e){const e="number"==typeof r.value?r.value:i(r.value);Number.isFinite(e)&&("above"===s?t>=e:t<=e)&&(!n||si[r.severity]>si[n])&&(n=r.severity)}return n}(t,e.thresholds,e.direction,t=>dt(this.store?.snapshots.get(t)?.state)),i={info:1,warning:2,critical:3};let n=s;for(const t of this.hub?.alerts()??[]){if(t.seriesId!==e.entity||"firing"!==t.state&&"pending"!==t.state)continue;const s="pending"===t.state&&"critical"===t.severity?"warning":t.severity;(!n||i[s]>i[n])&&(n=s)}return n}getCardSize(){return 3}getGridOptions(){return{columns:6,rows:3,min_columns:3,min_rows:2}}getLayoutOptions(){return{grid_columns:2,grid_rows:2,grid_min_columns:1,grid_min_rows:2}}static getStubConfig(t){const e=Lt(t?.states??{});return{entity:e.find(t=>/processor_use|cpu/.test(t))??e.find(t=>/memory/.test(t))??e[0]??"sensor.processor_use"}}format(t){const e=this._config.decimals;return void 0!==e?t.toFixed(e):Math.abs(t)>=100?t.toFixed(0):Math.abs(t)>=10?t.toFixed(1):String(Math.round(100*t)/100)}render(){const t=this._config,e=this._snapshot,s=t.name??e?.attributes.friendly_name??t.entity,i=e?.attributes.unit_of_measurement??"",n="rate"===t.stat?`${i||"units"}/s`:"availability"===t.stat?"%":i,r=e?.state,a=this.store?.series(t.entity),o=a?.latest()?.t??this.now(),h=o-t.window;let l,c=Number.NaN;"current"===t.stat?(c=dt(r),l=void 0===r?"—":Number.isNaN(c)?r:void 0!==t.decimals?c.toFixed(t.decimals):r):(c=a?ei(a,t.stat,h,o):Number.NaN,l=Number.isNaN(c)?"—":this.format(c));const u=!Number.isNaN(c),d="unavailable"===r||"unknown"===r,p=this.severity(c),m=t.show_stats&&a?ti(a,h,o):void 0,f=t.show_sparkline?a?.copyRange():void 0,g=f?Ws(f.times,f.values,300,60):void 0,v=(y=t.window)%864e5==0?y/864e5+" d":y%36e5==0?y/36e5+" h":y%6e4==0?y/6e4+" min":`${Math.round(y/1e3)} s`;var y,b;return B`
      <ha-card class=${p?`severity-${p}`:""}>
        <div class="header">
          <span class="name">${s}</span>
          ${"current"!==t.stat?B`<span class="stat">${ri(t.stat)} · ${v}</span>`:V}
        </div>
        <div class="reading ${d?"unavailable":""}" role="status" aria-live="polite">
          <span class="value">${l}</span>${u&&n?B`<span class="unit">${n}</span>`:V}
          ${p?B`<span class="badge" aria-label="severity ${p}">${p}</span>`:V}
        </div>
        ${m&&m.count>1?B`<div class="stats" aria-label="statistics over ${v}">
              <span>min ${this.format(m.min)}</span> <span>avg ${this.format(m.mean)}</span> <span>p95 ${this.format(m.p95)}</span>
              <span>max ${this.format(m.max)}</span>
            </div>`:V}
        ${t.show_sparkline?B`<svg class="sparkline" viewBox="0 0 ${300} ${60}" preserveAspectRatio="none" role="img" aria-label="${s}: recent values">
              ${g?.d?(b=g.d,q`<path d=${b}></path>`):V}
            </svg>`:V}
      </ha-card>
    `}}ii.properties={_snapshot:{state:!0},_revision:{state:!0}},ii.styles=[_t,r`
      ha-card {
        padding: 12px 16px 8px;
        display: flex;
        flex-direction: column;
      }
      .name {
        color: var(--secondary-text-color, #727272);
        font-size: 14px;
        font-weight: 500;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        display: block;
      }
      .reading {
        color: var(--primary-text-color, #212121);
        margin: 4px 0;
        display: flex;
        align-items: baseline;
        gap: 4px;
      }
      .value {
        font-size: 28px;
        font-weight: 400;
        line-height: 1.1;
      }
      .unit {
        font-size: 16px;
        color: var(--secondary-text-color, #727272);
      }
      .unavailable .value {
        color: var(--disabled-text-color, #9e9e9e);
        font-size: 20px;
      }
      .stat {
        color: var(--secondary-text-color, #727272);
        font-size: 12px;
        white-space: nowrap;
      }
      .badge {
        margin-left: auto;
        font-size: 12px;
        font-weight: 500;
        padding: 1px 8px;
        border-radius: 10px;
        color: var(--text-primary-color, #fff);
        background: var(--vitals-severity-color);
        text-transform: capitalize;
      }
      .stats {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        font-size: 12px;
        color: var(--secondary-text-color, #727272);
      }
      ha-card.severity-info {
        --vitals-severity-color: var(--vitals-info);
      }
      ha-card.severity-warning {
        --vitals-severity-color: var(--vitals-warning);
      }
      ha-card.severity-critical {
        --vitals-severity-color: var(--vitals-error);
      }
      ha-card[class^='severity-'] {
        border-left: 4px solid var(--vitals-severity-color);
      }
      ha-card[class^='severity-'] .value {
        color: var(--vitals-severity-color);
      }
      .sparkline {
        width: 100%;
        height: 48px;
        flex: 1 1 auto;
        min-height: 32px;
      }
      .sparkline path {
        stroke-width: 2;
      }
    `];const ni={current:"now",mean:"average",min:"minimum",max:"maximum",p50:"median",p90:"p90",p95:"p95",p99:"p99",rate:"rate",availability:"availability"},ri=t=>ni[t],ai={type:Js,name:"Vitals metric",description:"One metric with its current value and a live sparkline.",preview:!0,documentationURL:"https://github.com/ha-vitals/ha-vitals#vitals-metric-card"};let oi;class hi{constructor(t){this.length=0,this.times=new Float64Array(t),this.values=new Float64Array(t)}push(t,e){Number.isNaN(e)&&this.length>0&&Number.isNaN(this.values[this.length-1])||(this.times[this.length]=t,this.values[this.length]=e,this.length++)}result(){return{times:this.times.slice(0,this.length),values:this.values.slice(0,this.length)}}}function li(t,e,s,i,n=0){if(!(t&&0!==t.length&&s>e))return[];const r=e-n,a=s-n,{start:o,end:h}=t.range(r,a),l=[];o>0&&l.push({x:t.timeAt(o-1)+n,y:t.valueAt(o-1)});const c=t.copyRange(r,a),u=Math.max(1,Math.floor(i));if(c.times.length<=2*u)for(let t=0;t<c.times.length;t++)l.push({x:c.times[t]+n,y:c.values[t]});else{const t=function(t,e,s,i=(t.length>0?t[0]:0),n=(t.length>0?t[t.length-1]:0)){const r=t.length,a=Math.max(1,Math.floor(s)),o=new hi(Math.min(r,3*a)),h=n-i,l=h>0?a/h:0;let c=-1,u=-1,d=-1,p=-1;const m=()=>{if(c<0)return;let s=-1;for(let i=0;i<3;i++){let i=-1;for(const t of[u,d,p])t>s&&(i<0||t<i)&&(i=t);if(i<0)break;s=i,o.push(t[i],i===p?Number.NaN:e[i])}};for(let s=0;s<r;s++){const r=t[s];if(r<i||r>n)continue;const o=Math.min(a-1,Math.floor((r-i)*l));o!==c&&(m(),c=o,u=d=p=-1);const h=e[s];Number.isNaN(h)?p<0&&(p=s):((u<0||h<e[u])&&(u=s),(d<0||h>e[d])&&(d=s))}return m(),o.result()}(c.times,c.values,u,r,a);for(let e=0;e<t.times.length;e++)l.push({x:t.times[e]+n,y:t.values[e]})}return h<t.length&&l.push({x:t.timeAt(h)+n,y:t.valueAt(h)}),l}function ci(t,e,s=6e4){const i=e.max-e.min;let n=Math.min(Math.max(t.max-t.min,Math.min(s,i)),i);n>0||(n=i);let r=t.min;return r<e.min&&(r=e.min),r+n>e.max&&(r=e.max-n),{min:r,max:r+n}}function ui(t,e,s){return ci({min:t.min+e,max:t.max+e},s,0)}class di{constructor(t){this.task=t}schedule(){void 0===this.frame&&(this.frame=requestAnimationFrame(()=>{this.frame=void 0,this.task()}))}cancel(){void 0!==this.frame&&cancelAnimationFrame(this.frame),this.frame=void 0}}const pi=[["d",864e5],["h",36e5],["min",6e4],["s",1e3]];function mi(t){if(!Number.isFinite(t))return"∞";const e=Math.max(0,1e3*Math.round(t/1e3)),s=pi.findIndex(([,t])=>e>=t);if(s<0)return"0 s";const[i,n]=pi[s],r=Math.floor(e/n),a=pi[s+1],o=a?Math.floor((e-r*n)/a[1]):0;return o>0?`${r} ${i} ${o} ${a[0]}`:`${r} ${i}`}function fi(t){return t<1?`${Math.round(60*t)} min`:t>=48&&t%24==0?t/24+" d":`${Number(t.toFixed(1))} h`}const gi=new Map;function vi(t,e,s){if(!Number.isFinite(t))return"—";const i=Math.abs(t),n=e??(i>=100||0===i?0:i>=10?1:i>=1?2:Math.min(6,2-Math.floor(Math.log10(i)))),r=`|${n}|${void 0===e?"max":"fixed"}`;let a=gi.get(r);return a||(a=new Intl.NumberFormat(s,{maximumFractionDigits:n,minimumFractionDigits:void 0===e?0:n}),gi.set(r,a)),a.format(t)}function yi(t,e,s,i){const n=vi(t,s,i);return e&&Number.isFinite(t)?`${n} ${e}`:n}function bi(t,e="",s){if(!Number.isFinite(t))return"—";const i=36e5*t,[n,r]=Math.abs(i)>=1||0===i?[i,"h"]:[24*i,"d"];return`${n>0?"+":n<0?"−":""}${vi(Math.abs(n),void 0,s)} ${e?`${e}/`:"/"}${r}`.replace(" /","/")}const wi=864e5,_i=[6e4,12e4,3e5,6e5,9e5,18e5,36e5,72e5,108e5,216e5,432e5,wi,2*wi,7*wi,14*wi,30*wi,90*wi],$i=new Map;class xi{constructor(t=500){this.maxMarkers=t,this.detector=us(),this.firstT=Number.NaN,this.lastT=Number.NaN,this.processed=0,this.active=!1,this.markers=[]}update(t){const e=t.length;if(0===e)return this.reset(),this.markers;const s=t.timeAt(0);if(this.processed>0)if(s<this.firstT)this.reset();else if(s>this.firstT){this.firstT=s,this.markers=this.markers.filter(t=>t.t>=s);const{start:e,end:i}=t.range(s,this.lastT);this.processed=i-e}else{const{start:e,end:s}=t.range(this.firstT,this.lastT);s-e!==this.processed&&this.reset()}const i=0===this.processed?0:t.upperBound(this.lastT);0===this.processed&&(this.firstT=s);for(let s=i;s<e;s++){const e=t.timeAt(s),i=t.valueAt(s),n=this.detector.update(e,i);Number.isNaN(i)||(n.active&&!this.active&&this.markers.push({t:e,v:i}),this.active=n.active),this.lastT=e,this.processed++}return this.markers.length>this.maxMarkers&&(this.markers=this.markers.slice(-this.maxMarkers)),this.markers}reset(){this.detector.reset(),this.firstT=this.lastT=Number.NaN,this.processed=0,this.active=!1,this.markers=[]}}function Ni(t,e){const{windowMs:s,now:i}=e,n={warmingUp:!0,slopePerMs:Number.NaN,spanMs:0,fitted:()=>Number.NaN,now:i};if(!t||0===t.length)return n;const r=i-s,a=Math.max(0,t.upperBound(r)-1),o=Math.max(r,t.timeAt(a));if(!(i>o))return n;const h=Math.max(8,e.gridPoints??240),l=(i-o)/(h-1),c=new ts({windowMs:s+l,limit:e.limit,horizonMs:1/0,minSamples:5,minCoverage:(e.minCoverage??.25)*(s/(s+l)),capacity:h+1});let u=a,d=0,p=0,m=0,f=c.tick(i);for(let e=0;e<h;e++){const s=e===h-1?i:o+e*l;for(;u+1<t.length&&t.timeAt(u+1)<=s;)u++;const n=t.timeAt(u)<=s?t.valueAt(u):Number.NaN;f=c.update(s,n),Number.isNaN(n)||(d++,p+=s-i,m+=n)}const g=c.slopePerMs;if(f.warmingUp||0===d||Number.isNaN(g))return n;const v=p/d+i,y=m/d;return{warmingUp:!1,slopePerMs:g,spanMs:i-o,timeToLimitMs:f.timeToLimitMs,fitted:t=>y+g*(t-v),now:i}}const Mi=864e5;function ki(t){return void 0===t?"ok":t<Mi?"error":t<7*Mi?"warning":"ok"}const Si={primary:"#03a9f4",accent:"#ff9800",text:"#212121",secondaryText:"#727272",divider:"rgba(0, 0, 0, 0.12)",error:"#db4437",warning:"#ffa600"},Ai={primary:"--primary-color",accent:"--accent-color",text:"--primary-text-color",secondaryText:"--secondary-text-color",divider:"--divider-color",error:"--error-color",warning:"--warning-color"},Ti=["#8e44ad","#27ae60","#e91e63","#00897b","#795548","#607d8b"];function zi(t,e){const s=t.trim();let i=/^#([0-9a-f]{3})$/i.exec(s);if(i){const[t,s,n]=i[1].split("").map(t=>parseInt(t+t,16));return`rgba(${t}, ${s}, ${n}, ${e})`}if(i=/^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(s),i){const t=parseInt(i[1],16);return`rgba(${t>>16&255}, ${t>>8&255}, ${255&t}, ${e})`}return i=/^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(s),i?`rgba(${i[1]}, ${i[2]}, ${i[3]}, ${e})`:s}const Ci="vitals-history-card",Ii=8784,Ei=Ot(oe(jt(ue({entity:re,name:ge(Yt),color:ge(Yt),y_axis:ge(se(["left","right"]))})),"entities (entity ids or {entity: ...})",{single:!0}),"non-empty",t=>t.length>0||"expected at least one entity"),Oi=ue({value:te,color:ge(Yt),label:ge(Xt)}),Pi=Et(ue({limit:te,entity:ge(re),hours:ge(ee(.1,Ii))}),It(),t=>"number"==typeof t?{limit:t}:t),Ri=Ot(ie,"positive",t=>t>0||'expected a duration like "7d" or "24h"'),Fi=Vs({title:ge(Xt),entities:Ei,hours_to_show:fe(ee(.1,Ii),24),show_anomalies:fe(Qt,!0),thresholds:fe(oe(Oi,"thresholds ({value, color, label})",{single:!0}),[]),forecast:ge(Pi),compare:ge(Ri)}),Ui=36e5;class Di extends wt{constructor(){super(...arguments),this._status="idle",this.frames=new di(()=>this.refresh()),this.size={width:0,height:0},this.chartGeneration=0,this.pendingGeneration=-1,this.trackers=new Map,this.bands=[],this.theme=Si,this.tickStep=Ui,this.maxTicks=6,this.datasetUnits=[],this.onWheel=t=>{if(!t.ctrlKey&&!t.metaKey||!this.chartInstance)return;t.preventDefault();const e=this.chartInstance.scales.x?.getValueForPixel(t.offsetX);this.zoom(t.deltaY<0?.8:1.25,e)},this.onPointerDown=t=>{this._view&&0===t.button&&(this.drag={pointerId:t.pointerId,x:t.clientX,view:this._view},t.currentTarget.setPointerCapture?.(t.pointerId))},this.onPointerMove=t=>{const e=this.drag;if(!e||e.pointerId!==t.pointerId)return;const s=e.view.max-e.view.min,i=-(t.clientX-e.x)/this.pixelWidth*s;this._view=ui(e.view,i,this.bounds(this.now())),this.scheduleFrame()},this.onPointerUp=t=>{this.drag?.pointerId===t.pointerId&&(this.drag=void 0)}}get chart(){return this.chartInstance}get info(){return this._info}setConfig(t){const e=function(t){const e=Dt(Ci,Fi,t);if(e.forecast?.entity&&!e.entities.some(t=>t.entity===e.forecast.entity))throw new Error(`${Ci}: forecast.entity: ${e.forecast.entity} is not one of the card's entities`);return{...e,type:"string"==typeof e.type?e.type:`custom:${Ci}`}}(t),s=this._config;this._config=e,this._view=void 0;const i=t=>t?JSON.stringify([t.entities.map(t=>t.entity),this.historyMs(t)]):"";i(s)!==i(e)&&this.attach(),this.trackers.clear(),this.scheduleFrame()}connectedCallback(){super.connectedCallback(),this.ticker=setInterval(()=>{this._view||this.scheduleFrame()},3e4)}disconnectedCallback(){super.disconnectedCallback(),void 0!==this.ticker&&clearInterval(this.ticker),this.ticker=void 0,this.frames.cancel(),this.resizeObserver?.disconnect(),this.resizeObserver=void 0,this.chartGeneration++,this.chartInstance?.destroy(),this.chartInstance=void 0}historyMs(t){return Math.max(t.hours_to_show,t.forecast?.hours??0)*Ui+(t.compare??0)}start(t,e){const s=this.historyMs(t);for(const i of new Set(t.entities.map(t=>t.entity)))this.disposers.push(e.watch(i,()=>this.scheduleFrame(),{historyMs:s}));this._status=e.status,this.disposers.push(e.onStatus(t=>{this._status=t,this.scheduleFrame()})),this.scheduleFrame()}scheduleFrame(){this.isConnected&&this.frames.schedule()}bounds(t){const e=this._config,s=e.hours_to_show*Ui;return{min:t-s,max:t+(e.forecast?.25*s:0)}}get view(){const t=this.bounds(this.now());return this._view?ci(this._view,t):t}get pixelWidth(){const t=this.chartInstance?.chartArea,e=t&&t.right>t.left?t.right-t.left:this.size.width;return Math.max(1,Math.round(e||300))}refresh(){const t=this._config,e=this.store;if(!t||!e)return;const s=this.now(),i=this.bounds(s),n=this._view?ci(this._view,i):i,r=this.pixelWidth,a=function(t){const e=getComputedStyle(t),s={...Si};for(const t of Object.keys(Ai)){const i=e.getPropertyValue(Ai[t]).trim();i&&(s[t]=i)}return s}(this);this.theme=a;const o=t.entities.map(t=>e.snapshots.get(t.entity)),h=o.map(t=>function(t){const e=t?.attributes.unit_of_measurement;return"string"==typeof e?e:""}(t)),l=function(t){let e,s;for(const i of t)"left"===i.y_axis&&(e??=i.unit),"right"===i.y_axis&&(s??=i.unit);return t.map(t=>t.y_axis?t.y_axis:void 0===e||e===t.unit?(e=t.unit,"left"):void 0===s||s===t.unit?(s=t.unit,"right"):"left")}(t.entities.map((t,e)=>({unit:h[e],y_axis:t.y_axis}))),c=[],u=[],d=[],p=(t,e,s)=>{c.push(t),u.push(e)},m={left:[],right:[]};let f,g,v=!1;if(t.entities.forEach((s,i)=>{const c=e.series(s.entity),u=o[i],m=s.name??u?.attributes.friendly_name??s.entity,f=s.color??function(t,e){return 0===e?t.primary:1===e?t.accent:Ti[(e-2)%Ti.length]}(a,i),g="left"===l[i]?"y":"y1",y=li(c,n.min,n.max,r),b=function(t,e=-1/0,s=1/0){let i=1/0,n=-1/0,r=Number.NaN,a=Number.NaN,o=0;for(const h of t)Number.isNaN(h.y)||h.x<e||h.x>s||(o++,h.y<i&&(i=h.y),h.y>n&&(n=h.y),r=h.y,a=h.x);return 0===o?{min:Number.NaN,max:Number.NaN,latest:r,latestT:a,count:o}:{min:i,max:n,latest:r,latestT:a,count:o}}(y,n.min,n.max);if(c?.latestNumeric()&&(v=!0),p({label:m,data:y,yAxisID:g,borderColor:f,backgroundColor:f,borderWidth:1.5,pointRadius:0,pointHitRadius:4,spanGaps:!1,order:1},h[i]),t.compare){const e=li(c,n.min,n.max,r,t.compare);p({label:`${m} (${mi(t.compare)} earlier)`,data:e,yAxisID:g,borderColor:zi(f,.35),backgroundColor:zi(f,.35),borderWidth:1,borderDash:[3,3],pointRadius:0,pointHitRadius:2,spanGaps:!1,order:2},h[i])}let w=0;if(t.show_anomalies&&c){let t=this.trackers.get(s.entity);t||(t=new xi,this.trackers.set(s.entity,t));const e=t.update(c).filter(t=>t.t>=n.min&&t.t<=n.max);w=e.length,e.length>0&&p({label:`${m}: anomaly`,data:e.map(t=>({x:t.t,y:t.v})),yAxisID:g,showLine:!1,pointRadius:4,pointHoverRadius:6,pointStyle:"circle",pointBackgroundColor:a.error,pointBorderColor:a.error,borderColor:a.error,backgroundColor:a.error,order:0},h[i])}d.push({entity:s.entity,name:m,color:f,unit:h[i],axis:l[i],latest:b.latest,min:b.min,max:b.max,anomalies:w})}),t.forecast){const n=Math.max(0,t.entities.findIndex(e=>e.entity===(t.forecast.entity??t.entities[0].entity))),{limit:r}=t.forecast,a=h[n],o=(t.forecast.hours??t.hours_to_show)*Ui,c=Ni(e.series(t.entities[n].entity),{windowMs:o,limit:r,now:s});m[l[n]].push(r);const u=d[n].name,g=yi(r,a);if(c.warmingUp)f={text:`${u}: collecting data to forecast ${g}`,severity:"ok"};else{const t=Math.min(i.max,void 0!==c.timeToLimitMs?s+c.timeToLimitMs:i.max);t>s&&p({label:`${u}: trend`,data:[{x:s,y:c.fitted(s)},{x:t,y:c.fitted(t)}],yAxisID:"left"===l[n]?"y":"y1",borderColor:d[n].color,backgroundColor:d[n].color,borderWidth:1.5,borderDash:[6,4],pointRadius:0,order:3},a);const e=c.timeToLimitMs;f=void 0!==e?{text:e<=0?`${u} is at ${g}`:`${u} reaches ${g} in ${mi(e)}`,severity:ki(e)}:{text:`${u} is not heading for ${g} (${bi(c.slopePerMs,a)})`,severity:"ok"}}}if(this.bands=t.thresholds.map((t,e,s)=>{const i=e===s.length-1&&s.length>0,n=t.color??(i?a.error:a.warning);return m.left.push(t.value),{value:t.value,color:n,fill:zi(n,.08),label:t.label}}),this.nowMarker=t.forecast&&n.max>s?s:void 0,!v){const t=o.length>0&&o.every(t=>t&&/^(unavailable|unknown)$/.test(t.state));g=t?"Unavailable":"reconnecting"===this._status?"Reconnecting…":"No data yet"}const y={rows:d,forecast:f,message:g,summary:""};y.summary=this.summarise(y,t),this._info=y,this.datasetUnits=u,this.applyToChart(c,n,l,h,m)}summarise(t,e){const s=t.rows.map(t=>{if(Number.isNaN(t.latest))return`${t.name}: no data`;const e=e=>yi(e,t.unit),s=t.anomalies?`, ${t.anomalies} ${1===t.anomalies?"anomaly":"anomalies"}`:"";return`${t.name}: latest ${e(t.latest)}, min ${e(t.min)}, max ${e(t.max)}${s}`}),i=`${e.title??"History"}, ${this._view?"zoomed":`last ${fi(e.hours_to_show)}`}`,n=t.forecast?`. Forecast: ${t.forecast.text}`:"";return`${i}. ${s.join("; ")}${n}`}applyToChart(t,e,s,i,n){const r=this.chartInstance;if(!r)return;const a=this.theme;r.data.datasets=t;const o=r.options.scales,h=o.x;h.min=e.min,h.max=e.max;const l=t=>[...new Set(i.filter((e,n)=>s[n]===t&&i[n]))].join(", "),c=s.includes("right");for(const[t,e]of[["y","left"],["y1","right"]]){const s=o[t],i=n[e];s.display="left"===e||c,s.suggestedMin=i.length?Math.min(...i):void 0,s.suggestedMax=i.length?Math.max(...i):void 0;const r=l(e);s.title={display:""!==r,text:r,color:a.secondaryText},s.ticks={...s.ticks,color:a.secondaryText},s.grid&&(s.grid.color=a.divider)}h.ticks={...h.ticks,color:a.secondaryText},h.grid&&(h.grid.color=a.divider),this.maxTicks=Math.max(2,Math.floor(this.pixelWidth/70)),r.update("none")}chartConfig({thresholdPlugin:t,nowLinePlugin:e}){return{type:"line",data:{datasets:[]},options:{responsive:!1,animation:!1,parsing:!1,normalized:!0,interaction:{mode:"nearest",axis:"x",intersect:!1},layout:{padding:{top:6,right:4}},scales:{x:{type:"linear",afterBuildTicks:t=>{const{ticks:e,step:s}=function(t,e,s){const i=Math.max(1,e-t),n=_i.find(t=>i/t<=Math.max(1,s))??Math.ceil(i/s/wi)*wi,r=6e4*-new Date(t).getTimezoneOffset();let a=Math.ceil((t+r)/n)*n-r;const o=[];for(;a<=e&&o.length<1e3;a+=n)o.push(a);return{ticks:o,step:n}}(t.min,t.max,this.maxTicks);this.tickStep=s,t.ticks=e.map(t=>({value:t}))},ticks:{autoSkip:!1,maxRotation:0,font:{size:11},callback:t=>function(t,e){const s=e>=wi,i=`|${s}`;let n=$i.get(i);return n||(n=new Intl.DateTimeFormat(void 0,s?{day:"numeric",month:"short"}:{hour:"2-digit",minute:"2-digit",hourCycle:"h23"}),$i.set(i,n)),n.format(t)}(Number(t),this.tickStep)},grid:{}},y:{type:"linear",position:"left",ticks:{font:{size:11},maxTicksLimit:6},grid:{}},y1:{type:"linear",position:"right",display:!1,ticks:{font:{size:11},maxTicksLimit:6},grid:{drawOnChartArea:!1}}},plugins:{tooltip:{callbacks:{title:t=>t.length?function(t){const e="|full";let s=$i.get(e);return s||(s=new Intl.DateTimeFormat(void 0,{day:"numeric",month:"short",hour:"2-digit",minute:"2-digit",hourCycle:"h23"}),$i.set(e,s)),s.format(t)}(t[0].parsed.x??Number.NaN):"",label:t=>`${t.dataset.label??""}: ${yi(t.parsed.y??Number.NaN,this.datasetUnits[t.datasetIndex])}`}}}},plugins:[t({bands:()=>this.bands}),e(()=>this.nowMarker,()=>this.theme.secondaryText)]}}async ensureChart(){const t=this.chartGeneration;if(this.chartInstance||this.pendingGeneration===t||!this.isConnected)return;const e=this.renderRoot.querySelector("canvas"),s=this.renderRoot.querySelector(".chart-wrap");if(e&&s){this.pendingGeneration=t;try{const i=await(oi||(oi=import("./ha-vitals-chart-setup-D6w8GlOB.js").catch(t=>{throw oi=void 0,t})),oi);if(t!==this.chartGeneration||!this.isConnected||this.chartInstance)return;const n=s.getBoundingClientRect();this.size={width:Math.round(n.width),height:Math.round(n.height)},this.chartInstance=new i.Chart(e,this.chartConfig(i)),this.size.width>0&&this.size.height>0&&this.chartInstance.resize(this.size.width,this.size.height),this.resizeObserver=new ResizeObserver(t=>this.onResize(t[t.length-1].contentRect)),this.resizeObserver.observe(s),this._loadError=void 0,this.refresh()}catch(t){this._loadError="The chart could not be loaded",console.warn("ha-vitals: chart.js failed to load",t)}finally{this.pendingGeneration===t&&(this.pendingGeneration=-1)}}}onResize(t){const e=Math.round(t.width),s=Math.round(t.height);e===this.size.width&&s===this.size.height||(this.size={width:e,height:s},e>0&&s>0&&this.chartInstance?.resize(e,s),this.scheduleFrame())}setView(t){this._view=t,this.refresh()}zoom(t,e){const s=this.bounds(this.now()),i=this.view;this.setView(function(t,e,s,i,n=6e4){const r=t.max-t.min,a=Math.min(t.max,Math.max(t.min,s)),o=r>0?(a-t.min)/r:.5,h=Math.max(n,r*e);if(h>=i.max-i.min)return;const l=a-o*h;return ci({min:l,max:l+h},i,n)}(i,t,e??(i.min+i.max)/2,s))}pan(t){const e=this.view,s=this.bounds(this.now()),i=ui(e,t*(e.max-e.min),s);this.setView(i.min===s.min&&i.max===s.max?void 0:i)}resetZoom(){this.setView(void 0)}getCardSize(){return 5}getGridOptions(){return{columns:12,rows:"auto",min_columns:4,min_rows:4}}getLayoutOptions(){return{grid_columns:4,grid_rows:4,grid_min_columns:2,grid_min_rows:3}}static getStubConfig(t){const e=Lt(t?.states??{}),s=[e.find(t=>/processor_use|cpu/.test(t)),e.find(t=>/memory_use|memory_usage/.test(t))].filter(t=>void 0!==t);return 0===s.length&&s.push(e[0]??"sensor.processor_use"),{entities:s,hours_to_show:24}}static async getConfigElement(){return await(import("./ha-vitals-editor-Dq6ZHz6n.js")),document.createElement("vitals-history-card-editor")}updated(){this.chartInstance||this.ensureChart()}render(){const t=this._config,e=this._info,s=void 0!==this._view,i=this._loadError??e?.message??(e?void 0:"Loading…");return B`
      <ha-card>
        <div class="header">
          ${t.title?B`<h2 class="title">${t.title}</h2>`:V}
          ${"reconnecting"===this._status?B`<span class="status" role="status">Reconnecting…</span>`:V}
        </div>
        <ul class="legend">
          ${(e?.rows??[]).map(t=>B`<li>
              <span class="swatch" style="background:${t.color}"></span><span class="legend-name">${t.name}</span>
              <span class="legend-value">${Number.isNaN(t.latest)?"—":yi(t.latest,t.unit)}</span>
            </li>`)}
        </ul>
        <div
          class="chart-wrap"
          role="img"
          aria-label=${e?.summary??"Chart loading"}
          @wheel=${this.onWheel}
          @pointerdown=${this.onPointerDown}
          @pointermove=${this.onPointerMove}
          @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerUp}
        >
          <canvas aria-hidden="true"></canvas>
          ${i?B`<div class="message">${i}</div>`:V}
        </div>
        <div class="footer">
          ${e?.forecast?B`<span class="forecast ${e.forecast.severity}">${e.forecast.text}</span>`:B`<span></span>`}
          <div class="controls" role="group" aria-label="Zoom and pan">
            <button type="button" aria-label="Earlier" title="Earlier" ?disabled=${!s} @click=${()=>this.pan(-.25)}>‹</button>
            <button type="button" aria-label="Zoom in" title="Zoom in" @click=${()=>this.zoom(.5)}>+</button>
            <button type="button" aria-label="Zoom out" title="Zoom out" ?disabled=${!s} @click=${()=>this.zoom(2)}>−</button>
            <button type="button" aria-label="Later" title="Later" ?disabled=${!s} @click=${()=>this.pan(.25)}>›</button>
            <button type="button" aria-label="Reset zoom" title="Reset zoom" ?disabled=${!s} @click=${()=>this.resetZoom()}>⟲</button>
          </div>
        </div>
      </ha-card>
    `}}Di.properties={_info:{state:!0},_status:{state:!0},_view:{state:!0},_loadError:{state:!0}},Di.styles=[_t,r`
      ha-card {
        padding: 8px 12px 6px;
        display: flex;
        flex-direction: column;
        min-width: 0;
      }
      .title {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .legend {
        margin: 2px 0 4px;
        display: flex;
        flex-wrap: wrap;
        gap: 2px 12px;
        font-size: 12px;
        color: var(--secondary-text-color, #727272);
      }
      .legend li {
        display: flex;
        align-items: center;
        gap: 4px;
        min-width: 0;
      }
      .legend-name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        max-width: 16em;
      }
      .legend-value {
        color: var(--primary-text-color, #212121);
        white-space: nowrap;
      }
      .swatch {
        width: 10px;
        height: 3px;
        border-radius: 1px;
        flex: none;
      }
      .chart-wrap {
        position: relative;
        flex: 1 1 180px;
        min-height: 120px;
        touch-action: pan-y;
      }
      canvas {
        position: absolute;
        inset: 0;
      }
      .message {
        position: absolute;
        inset: 0;
        display: flex;
        align-items: center;
        justify-content: center;
        color: var(--secondary-text-color, #727272);
        font-size: 14px;
        pointer-events: none;
      }
      .footer {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 4px 8px;
        font-size: 12px;
        min-height: 28px;
      }
      .controls {
        display: flex;
        gap: 2px;
        margin-left: auto;
      }
      .controls button {
        min-width: 28px;
        height: 28px;
        border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
        border-radius: 4px;
        background: none;
        color: var(--primary-text-color, #212121);
        font: inherit;
        font-size: 14px;
        cursor: pointer;
        padding: 0 6px;
      }
      .controls button:disabled {
        color: var(--disabled-text-color, #9e9e9e);
        cursor: default;
      }
    `];const Li={type:Ci,name:"Vitals history",description:"Time series of one or more entities with thresholds, anomaly markers, forecast, comparison, zoom and pan.",preview:!0,documentationURL:"https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards.md#vitals-history-card"},ji="vitals-system-card",Hi=["cpu","memory","disk","load","network_in","network_out","database"],Bi={cpu:"CPU",memory:"Memory",disk:"Disk",load:"Load",network_in:"Network in",network_out:"Network out",database:"Database"},qi=new Set(["memory","disk","database"]),Wi=jt(ue({entity:re,name:ge(Yt),limit:ge(te)})),Vi=Ot(ue(Object.fromEntries(Hi.map(t=>[t,ge(Wi)]))),"at least one",t=>Hi.some(e=>void 0!==t[e])||`expected at least one of ${Hi.join(", ")}`),Ji=Vs({title:ge(Xt),entities:Vi,hours_to_show:fe(ee(1,8784),24)}),Gi=t=>"%"===t,Zi=t=>""===t||/\/s$|bps$/i.test(t),Ki={cpu:{patterns:[/^sensor\.(system_monitor_)?processor_use$/,/processor_use/,/cpu_(use|usage|percent|load)/],unit:t=>""===t||Gi(t)},memory:{patterns:[/memory_use_percent/,/memory_usage/,/memory_use/],unit:Gi},disk:{patterns:[/disk_use_percent/,/disk_usage/],unit:Gi},load:{patterns:[/load_1m$/,/load_1_?m/,/load_1min/],unit:()=>!0},network_in:{patterns:[/network_throughput_in/,/network_in/],unit:Zi},network_out:{patterns:[/network_throughput_out/,/network_out/],unit:Zi},database:{patterns:[/database_size/,/db_size/,/recorder.*size/],unit:t=>""===t||/^(k|M|G|T|Ki|Mi|Gi|Ti)?i?B$/.test(t)}},Xi=36e5,Yi={up:["↑","rising"],down:["↓","falling"],steady:["→","steady"],learning:["…","learning the trend: waiting for more readings"],none:["","no data for a trend"]};function Qi(t,e){let s=0,i=Number.NaN,n=Number.NaN;for(let r=0;r<t.length;r++)Number.isNaN(t[r])||(s++,1===s&&(i=e[r]),n=e[r]);return{count:s,spanMs:s>1?n-i:0}}function tn(t,e,s,i){return t.warmingUp?e>0?"learning":"none":s>i?"up":s<-i?"down":"steady"}class en extends wt{constructor(){super(...arguments),this._rows=[],this._status="idle",this.frames=new di(()=>this.refresh())}get rows(){return this._rows}setConfig(t){const e=function(t){const e=Dt(ji,Ji,t);return{...e,type:"string"==typeof e.type?e.type:`custom:${ji}`}}(t),s=t=>t?JSON.stringify([Hi.map(e=>t.entities[e]?.entity),t.hours_to_show]):"",i=s(e)!==s(this._config);this._config=e,i&&this.attach(),this.scheduleFrame()}connectedCallback(){super.connectedCallback(),this.ticker=setInterval(()=>this.scheduleFrame(),6e4)}disconnectedCallback(){super.disconnectedCallback(),void 0!==this.ticker&&clearInterval(this.ticker),this.ticker=void 0,this.frames.cancel()}start(t,e){const s=t.hours_to_show*Xi,i=new Set(Hi.map(e=>t.entities[e]?.entity).filter(t=>void 0!==t));for(const t of i)this.disposers.push(e.watch(t,()=>this.scheduleFrame(),{historyMs:s}));this._status=e.status,this.disposers.push(e.onStatus(t=>this._status=t)),this.scheduleFrame()}scheduleFrame(){this.isConnected&&this.frames.schedule()}refresh(){const t=this._config,e=this.store;if(!t||!e)return;const s=this.now(),i=t.hours_to_show*Xi,n=[];for(const r of Hi){const a=t.entities[r];if(!a)continue;const o=e.snapshots.get(a.entity),h=e.series(a.entity),l=o?.attributes.unit_of_measurement,c="string"==typeof l?l:"",u=dt(o?.state),d=void 0===o?"—":Number.isNaN(u)?o.state:yi(u,c),p=h?.copyRange(s-i,s),m=p?Ws(p.times,p.values,100,24):void 0,f=Ni(h,{windowMs:i,now:s,limit:qi.has(r)?a.limit??("%"===c?100:void 0):void 0}),g=p?Qi(p.values,p.times):{count:0,spanMs:0},v=f.warmingUp&&g.count>=2&&g.spanMs>=6e4,y=v?Ni(h,{windowMs:i,now:s,minCoverage:0}):f,b=Number.isNaN(u)?0:Math.abs(u),w=m&&Number.isFinite(m.max-m.min)?m.max-m.min:0,_=y.slopePerMs*y.spanMs,$=Math.max(.2*w,.01*b,1e-9),x=tn(y,g.count,_,$);n.push({key:r,entity:a.entity,name:a.name??Bi[r],value:d,available:!Number.isNaN(u),spark:m?.d??"",trend:x,trendSpanMs:v&&!y.warmingUp?y.spanMs:void 0,forecast:qi.has(r)?this.forecastText(f,x,a.limit??("%"===c?100:void 0),c):void 0})}this._rows=n}forecastText(t,e,s,i){if(t.warmingUp)return{text:"collecting data",severity:"ok"};if(void 0===s)return"up"===e?{text:`growing ${bi(t.slopePerMs,i)}`,severity:"ok"}:{text:"stable",severity:"ok"};const n=t.timeToLimitMs;return void 0===n||"up"!==e||n>31536e6?void 0!==n&&n<=0?{text:"full",severity:"error"}:{text:"stable",severity:"ok"}:{text:n<=0?"full":`full in ${mi(n)}`,severity:ki(n)}}getCardSize(){return 1+Math.ceil(.9*this.rowCount())}rowCount(){const t=this._config;return t?Hi.filter(e=>t.entities[e]).length:4}getGridOptions(){return{columns:12,rows:Math.max(2,Math.ceil((48+46*this.rowCount())/56)),min_columns:6,min_rows:2}}getLayoutOptions(){return{grid_columns:2,grid_rows:Math.max(2,Math.ceil((48+46*this.rowCount())/56)),grid_min_columns:2,grid_min_rows:2}}static getStubConfig(t){const e=function(t){const e=Lt(t),s={},i=new Set;for(const n of Hi){const{patterns:r,unit:a}=Ki[n];for(const o of r){const r=e.find(e=>!i.has(e)&&o.test(e)&&a(String(t[e].attributes?.unit_of_measurement??"")));if(r){s[n]=r,i.add(r);break}}}return s}(t?.states??{});return{entities:Object.keys(e).length>0?e:{cpu:"sensor.processor_use",memory:"sensor.memory_use_percent"},hours_to_show:24}}static async getConfigElement(){return await(import("./ha-vitals-editor-DN6D3JfS.js")),document.createElement("vitals-system-card-editor")}render(){const t=this._config;return B`
      <ha-card>
        <div class="header">
          <h2 class="title">${t.title??"System"}</h2>
          ${"reconnecting"===this._status?B`<span class="status" role="status">Reconnecting…</span>`:V}
        </div>
        <ul class="rows">
          ${this._rows.map(e=>this.renderRow(e,t))}
        </ul>
      </ha-card>
    `}renderRow(t,e){const[s,i]=Yi[t.trend],n=void 0===t.trendSpanMs?i:`${i} over the last ${mi(t.trendSpanMs)}, still learning`;return B`
      <li class="row ${t.key}">
        <span class="name">${t.name}</span>
        <span class="value ${t.available?"":"unavailable"}">${t.value}</span>
        <svg class="spark" viewBox="0 0 ${100} ${24}" preserveAspectRatio="none" role="img" aria-label="${t.name}, last ${fi(e.hours_to_show)}">
          ${t.spark?q`<path d=${t.spark}></path>`:V}
        </svg>
        <span class="trend ${t.trend} ${void 0===t.trendSpanMs?"":"early"}" role="img" aria-label=${n} title=${n}>${s}</span>
        ${t.forecast?B`<span class="forecast ${t.forecast.severity}">${t.forecast.text}</span>`:V}
      </li>
    `}}en.properties={_rows:{state:!0},_status:{state:!0}},en.styles=[_t,r`
      ha-card {
        padding: 8px 12px;
      }
      .header {
        margin-bottom: 4px;
      }
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto minmax(40px, 80px) 1.2em;
        grid-template-areas:
          'name value spark trend'
          'forecast forecast forecast forecast';
        align-items: center;
        column-gap: 8px;
        padding: 4px 0;
        border-top: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
      }
      .row:first-child {
        border-top: none;
      }
      .name {
        grid-area: name;
        color: var(--secondary-text-color, #727272);
        font-size: 14px;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .value {
        grid-area: value;
        color: var(--primary-text-color, #212121);
        font-size: 15px;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .value.unavailable {
        color: var(--disabled-text-color, #9e9e9e);
        font-size: 13px;
      }
      .spark {
        grid-area: spark;
        width: 100%;
        height: 24px;
      }
      .trend {
        grid-area: trend;
        text-align: center;
        color: var(--secondary-text-color, #727272);
      }
      .trend.early {
        opacity: 0.6;
      }
      .forecast {
        grid-area: forecast;
        font-size: 12px;
      }
      .forecast.error {
        font-weight: 500;
      }
    `];const sn={type:ji,name:"Vitals system",description:"CPU, memory, disk, load, network and database size with sparklines, trends and capacity forecasts.",preview:!0,documentationURL:"https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards.md#vitals-system-card"},nn=["wake_word","stt","intent","tts"],rn=t=>`vitals.assist_${t}_ms`;function an(t,e,s){const i=new Map;let n,r;for(const t of s){const e=t.timestamp?Date.parse(t.timestamp):NaN;Number.isFinite(e)&&!i.has(t.type)&&i.set(t.type,e),"error"===t.type&&(n={code:String(t.data?.code??"error"),message:String(t.data?.message??"")}),"intent-start"===t.type&&"string"==typeof t.data?.engine&&(r=t.data.engine)}const a=i.get("run-start");if(void 0===a)return;const o={};for(const t of nn){const e=i.get(`${t}-start`),s=i.get(`${t}-end`);void 0!==e&&void 0!==s&&(o[t]=s-e)}const h=i.get("run-end");return{runId:t,pipelineId:e,start:a,stages:o,totalMs:void 0!==h?h-a:void 0,error:n,agent:r}}class on{constructor(t,e,s=200){this.store=t,this.connection=e,this.maxRuns=s,this.runs=[],this.state="idle",this.message="",this.seen=new Set,this.listeners=new Set}onChange(t){return this.listeners.add(t),()=>this.listeners.delete(t)}get pipelineList(){return this.pipelines??[]}poll(){return this.polling??=this.pollOnce().finally(()=>this.polling=void 0),this.polling}async pollOnce(){try{if(!this.pipelines){const t=await this.connection.sendMessagePromise({type:"assist_pipeline/pipeline/list"});this.pipelines=t.pipelines??[]}for(const t of this.pipelines){const{pipeline_runs:e}=await this.connection.sendMessagePromise({type:"assist_pipeline/pipeline_debug/list",pipeline_id:t.id});for(const s of e??[]){if(this.seen.has(s.pipeline_run_id))continue;const{events:e}=await this.connection.sendMessagePromise({type:"assist_pipeline/pipeline_debug/get",pipeline_id:t.id,pipeline_run_id:s.pipeline_run_id}),i=an(s.pipeline_run_id,t.id,e??[]);i&&(void 0!==i.totalMs||i.error)&&this.add(i)}}this.setState("ok","")}catch(t){const e=t?.code;"unauthorized"===e?this.setState("forbidden","Assist run details need an administrator account."):"unknown_command"===e?this.setState("unavailable","Assist is not set up on this Home Assistant."):this.setState("unavailable",`Assist runs could not be read: ${t?.message??String(t)}`)}}async probe(t,e,s=3e4){const i=[];let n;const r=`probe-${Date.now()}`;try{await new Promise((r,a)=>{const o=setTimeout(()=>a(new Error(`no answer within ${s} ms`)),s);this.connection.subscribeMessage(t=>{i.push({...t,timestamp:t.timestamp??(new Date).toISOString()}),"run-end"!==t.type&&"error"!==t.type||(clearTimeout(o),r())},{type:"assist_pipeline/run",start_stage:"intent",end_stage:"intent",input:{text:t},...e?{pipeline:e}:{}}).then(t=>n=t,a)})}finally{n?.().catch(()=>{})}const a=an(r,e??"preferred",i);if(!a)throw new Error("the pipeline sent no run-start event");return this.add(a),a}add(t){if(this.seen.add(t.runId),!this.runs.some(e=>e.start===t.start)){this.runs.push(t),this.runs.sort((t,e)=>t.start-e.start),this.runs.length>this.maxRuns&&this.runs.splice(0,this.runs.length-this.maxRuns);for(const e of nn){const s=t.stages[e];void 0!==s&&this.store.record(rn(e),t.start,s)}void 0!==t.totalMs&&this.store.record(rn("total"),t.start,t.totalMs),this.store.record("vitals.assist_errors",t.start,t.error?1:0);for(const t of this.listeners)t()}}setState(t,e){const s=t!==this.state||e!==this.message;if(this.state=t,this.message=e,s)for(const t of this.listeners)t()}}function hn(t,e){const s=[];let i;for(const n of e){const e=n.created?Date.parse(n.created):NaN;Number.isFinite(e)&&("user"===n.role?i=e:"assistant"===n.role&&void 0!==i&&(s.push({conversationId:t,agentId:n.agent_id,start:i,durationMs:e-i}),i=void 0))}return s}class ln{constructor(t,e,s=200){this.store=t,this.connection=e,this.maxTurns=s,this.turns=[],this.state="idle",this.conversations=new Map}async start(){try{this.unsubscribeIndex=await this.connection.subscribeMessage(t=>this.onIndex(t),{type:"conversation/chat_log/subscribe_index"}),this.state="ok"}catch(t){const e=t?.code;this.state="unauthorized"===e?"forbidden":"unknown_command"===e?"unsupported":"unavailable"}}async stop(){const t=[this.unsubscribeIndex,...[...this.conversations.values()].map(t=>t.unsubscribe)];this.unsubscribeIndex=void 0,this.conversations.clear(),await Promise.all(t.map(t=>t?.().catch(()=>{})))}onIndex(t){if("initial_state"===t.event_type&&Array.isArray(t.data))for(const e of t.data)e.conversation_id&&this.follow(e.conversation_id,e.content??[]);else"created"===t.event_type&&t.conversation_id?this.follow(t.conversation_id,[]):"deleted"===t.event_type&&t.conversation_id&&(this.conversations.get(t.conversation_id)?.unsubscribe?.().catch(()=>{}),this.conversations.delete(t.conversation_id))}follow(t,e){if(this.conversations.has(t))return;const s={content:[...e]};this.conversations.set(t,s);let i=hn(t,s.content).length;this.connection.subscribeMessage(e=>{if("initial_state"===e.event_type&&e.data&&!Array.isArray(e.data)&&"content"in e.data&&Array.isArray(e.data.content))s.content=e.data.content;else{if("content_added"!==e.event_type||!e.data||Array.isArray(e.data))return;{const t=e.data.content;t&&s.content.push(t)}}const n=hn(t,s.content);for(const t of n.slice(i))this.add(t);i=Math.max(i,n.length)},{type:"conversation/chat_log/subscribe",conversation_id:t}).then(t=>s.unsubscribe=t).catch(()=>this.conversations.delete(t))}add(t){this.turns.push(t),this.turns.length>this.maxTurns&&this.turns.shift(),this.store.record("vitals.llm_turn_ms",t.start,t.durationMs,t.agentId?{agent:t.agentId}:{})}}const cn="vitals.ws_rtt_ms",un="vitals.state_lag_ms",dn="vitals.service_call_ms",pn="vitals.long_task_ms",mn="vitals.inp_ms",fn="vitals.heap_mb",gn="vitals.fps",vn="vitals.monitor_overhead_ms",yn=t=>"string"==typeof t?[t]:Array.isArray(t)?t.filter(t=>"string"==typeof t):[];class bn{constructor(t=200){this.windowSize=t,this.window=[],this.minRttMs=1/0}noteRoundTrip(t){t>=0&&t<this.minRttMs&&(this.minRttMs=t)}observe(t,e){const s=e-t;this.window.push(s),this.window.length>this.windowSize&&this.window.shift();const i=Math.min(...this.window),n=Number.isFinite(this.minRttMs)?this.minRttMs/2:0;return Math.max(0,s-i+n)}}class wn{constructor(t,e,s,i={},n){this.store=t,this.ping=e,this.env=s,this.serviceCalls=n,this.disposers=[],this.lag=new bn,this.frames=0,this.framesSince=0,this.overheadAt=0,this.running=!1,this.opts={level:i.level??"basic",pingIntervalMs:i.pingIntervalMs??3e4,sampleIntervalMs:i.sampleIntervalMs??1e4,serviceCallTimeoutMs:i.serviceCallTimeoutMs??1e4}}get isRunning(){return this.running}start(){this.running||"off"===this.opts.level||(this.running=!0,this.overheadAt=this.store.overheadMs,this.framesSince=this.env.perfNow(),this.disposers.push(this.store.onDelivery((t,e)=>this.store.record(un,e,this.lag.observe(t,e)))),this.every(this.opts.pingIntervalMs,()=>{this.measureRoundTrip()}),this.every(this.opts.sampleIntervalMs,()=>this.sample()),this.measureRoundTrip(),this.serviceCalls&&this.disposers.push(this.serviceCalls(t=>{this.timeServiceCall(t)})),"full"===this.opts.level&&this.startFullProbes())}stop(){for(this.running=!1;this.disposers.length;)this.disposers.pop()()}async measureRoundTrip(){if(this.env.isHidden())return;const t=this.env.perfNow();try{await this.ping()}catch{return void this.store.record(cn,this.env.now(),Number.NaN)}const e=this.env.perfNow()-t;return this.lag.noteRoundTrip(e),this.store.record(cn,this.env.now(),e),e}async timeServiceCall(t){const e=new Set(this.store.watchedIds);let s,i=()=>{};const n=t.entityIds.filter(t=>e.has(t)).map(t=>{let e,n=!1;const r=this.store.watch(t,t=>{n?t!==e&&void 0===s&&(s=this.env.perfNow(),i()):e=t});return n=!0,r}),r=await t.done,a=this.env.perfNow();if(r&&n.length&&void 0===s){const e=Math.max(0,this.opts.serviceCallTimeoutMs-(a-t.sentAt));await new Promise(t=>{const s=setTimeout(t,e);i=()=>{clearTimeout(s),t()}})}for(const t of n)t();r&&this.running&&this.store.record(dn,this.env.now(),(s??a)-t.sentAt)}every(t,e){const s=this.env.setInterval(e,t);this.disposers.push(()=>this.env.clearInterval(s))}sample(){const t=this.env.now(),e=this.store.overheadMs-this.overheadAt;if(this.overheadAt=this.store.overheadMs,this.store.record(vn,t,6e4*e/this.opts.sampleIntervalMs),"full"!==this.opts.level)return;const s=this.env.heapBytes?.();void 0!==s&&this.store.record(fn,t,s/1048576);const i=this.env.perfNow()-this.framesSince;!this.env.isHidden()&&this.env.requestFrame&&i>0&&this.store.record(gn,t,1e3*this.frames/i),this.frames=0,this.framesSince=this.env.perfNow()}startFullProbes(){const t=this.env.observeLongTasks?.(t=>this.store.record(pn,this.env.now(),t));if(t&&this.disposers.push(t),this.env.observeInp?.(t=>this.running&&this.store.record(mn,this.env.now(),t)),this.env.requestFrame){const t=()=>{this.running&&(this.frames++,this.env.requestFrame(t))};this.env.requestFrame(t),this.disposers.push(this.env.onVisibilityChange(()=>{this.frames=0,this.framesSince=this.env.perfNow()}))}}}const _n={off:0,basic:1,full:2};class $n{constructor(t,e,s=function(){return{now:()=>Date.now(),perfNow:()=>performance.now(),setInterval:(t,e)=>window.setInterval(t,e),clearInterval:t=>window.clearInterval(t),isHidden:()=>"hidden"===document.visibilityState,onVisibilityChange:t=>(document.addEventListener("visibilitychange",t),()=>document.removeEventListener("visibilitychange",t)),observeLongTasks:t=>{if(!PerformanceObserver.supportedEntryTypes?.includes("longtask"))return()=>{};const e=new PerformanceObserver(e=>e.getEntries().forEach(e=>t(e.duration)));return e.observe({type:"longtask",buffered:!0}),()=>e.disconnect()},observeInp:t=>{import("./ha-vitals-web-vitals-DkWCDIUL.js").then(({onINP:e})=>e(e=>t(e.value),{reportAllChanges:!0}))},heapBytes:()=>performance.memory?.usedJSHeapSize,requestFrame:t=>requestAnimationFrame(t)}}()){this.store=t,this.connection=e,this.env=s,this.llmUses=0,this.uxSettings="off",this.uxUses=new Set,this.assistUses=new Set,this.assist=new on(t,e),this.llm=new ln(t,e)}useLlm(){0===this.llmUses++&&this.llm.start();let t=!1;return()=>{t||(t=!0,0===--this.llmUses&&this.llm.stop())}}useUx(t){return this.uxUses.add(t),this.restartUx(),()=>{this.uxUses.delete(t),this.restartUx()}}get uxMonitor(){return this.ux}useAssist(t=15e3){const e={pollMs:t};return this.assistUses.add(e),this.restartAssist(),()=>{this.assistUses.delete(e),this.restartAssist()}}restartUx(){const t=[...this.uxUses],e=t.reduce((t,e)=>_n[e.level]>_n[t]?e.level:t,"off"),s=Math.min(...t.map(t=>t.pingIntervalMs??3e4)),i=Math.min(...t.map(t=>t.sampleIntervalMs??1e4)),n="off"===e?"off":`${e}/${s}/${i}`;if(n===this.uxSettings&&(this.ux||"off"===e))return;if(this.ux?.stop(),this.ux=void 0,this.uxSettings=n,"off"===e)return;const r="sendMessagePromise"in this.connection?function(t,e=()=>performance.now()){return s=>{const i=t.sendMessagePromise,n=Object.prototype.hasOwnProperty.call(t,"sendMessagePromise");let r=!0;const a=function(t){const n=i.call(this,t);if(r&&"call_service"===t?.type){const i=t.target??{},r=t.service_data??{};s({entityIds:[...new Set([...yn(i.entity_id),...yn(r.entity_id)])],sentAt:e(),done:n.then(()=>!0,()=>!1)})}return n};return t.sendMessagePromise=a,()=>{r=!1,t.sendMessagePromise===a&&(n?t.sendMessagePromise=i:delete t.sendMessagePromise)}}}(this.connection,()=>this.env.perfNow()):void 0;this.ux=new wn(this.store,()=>this.connection.ping(),this.env,{level:e,pingIntervalMs:s,sampleIntervalMs:i},r),this.ux.start()}restartAssist(){if(void 0!==this.assistTimer&&this.env.clearInterval(this.assistTimer),this.assistTimer=void 0,0===this.assistUses.size)return;const t=Math.min(...[...this.assistUses].map(t=>t.pollMs)),e=()=>{this.env.isHidden()||this.assist.poll()};e(),this.assistTimer=this.env.setInterval(e,t)}}const xn=new WeakMap;function Nn(t,e){let s=xn.get(t);return s||(s=new $n(t,e),xn.set(t,s)),s}const Mn="vitals-ux-card",kn=["rtt","lag","service_call","long_tasks","inp","heap","fps","overhead"],Sn={rtt:{label:"Websocket round trip",metric:cn,unit:"ms",full:!1,bands:{good:100,warn:300},decimals:0},lag:{label:"State delivery lag",metric:un,unit:"ms",full:!1,bands:{good:250,warn:1e3},decimals:0},service_call:{label:"Service call latency",metric:dn,unit:"ms",full:!1,bands:{good:500,warn:2e3},decimals:0},long_tasks:{label:"Long tasks",metric:pn,unit:"/min",full:!0,bands:{good:2,warn:10},decimals:0},inp:{label:"Interaction to next paint",metric:mn,unit:"ms",full:!0,bands:{good:200,warn:500},decimals:0},heap:{label:"JS heap",metric:fn,unit:"MB",full:!0,decimals:0},fps:{label:"Frame rate",metric:gn,unit:"fps",full:!0,bands:{good:50,warn:30,higherIsBetter:!0},decimals:0},overhead:{label:"Monitor overhead",metric:vn,unit:"ms/min",full:!1,bands:{good:100,warn:600},decimals:1}},An=kn.filter(t=>!Sn[t].full),Tn=t=>Sn[t].metric.slice(7);function zn(t){return kn.find(e=>t.endsWith(`_${Tn(e)}`))}const Cn=/^(sensor\.)?[a-z0-9_]+$/,In=Ot(Yt,"entity prefix",t=>Cn.test(t)||`expected an entity id prefix like "sensor.ha_vitals_kitchen", got ${JSON.stringify(t)}`),En=Ot(Et(ue({name:ge(Xt),entity_prefix:ge(In),entity:ge(re)}),It(),t=>"string"==typeof t?{entity:t}:t),"device",t=>void 0===t.entity_prefix!=(void 0===t.entity)||"expected either entity_prefix or entity"),On=Ot(ie,"window",t=>t>=6e4&&t<=36e5||'expected a duration from "1m" to "1h"'),Pn=Vs({title:ge(Xt),level:fe(se(["basic","full"]),"basic"),ping_interval:fe(ee(5,3600),30),window:fe(On,"15m"),metrics:ge(oe(se(kn),"metrics",{single:!0})),devices:fe(oe(En,"devices (entity ids or {name, entity_prefix})",{single:!0}),[])});function Rn(t){return t.metrics&&t.metrics.length>0?[...new Set(t.metrics)]:"full"===t.level?[...kn]:An}function Fn(t,e){return`${(t.startsWith("sensor.")?t:`sensor.${t}`).replace(/_+$/,"")}_${Tn(e)}`}class Un{constructor(t={}){this.head=0,this.size=0,this.shift=Number.NaN,this.sum=0,this.sumSq=0,this.minHead=0,this.minTail=0,this.maxHead=0,this.maxTail=0,this.seqFirst=0,this.seqNext=0,this.sortedSize=0,this.pendingRemoval=0,this.hasPendingRemoval=!1,this.windowMs=t.windowMs??3e5,this.capacity=Math.max(1,Math.floor(t.capacity??4096)),this.times=new Float64Array(this.capacity),this.values=new Float64Array(this.capacity),this.minDeque=new Float64Array(this.capacity),this.maxDeque=new Float64Array(this.capacity),this.sorted=!1===t.quantiles?null:new Float64Array(this.capacity)}get count(){return this.size}push(t,e){if(this.evictOlderThan(t-this.windowMs),Number.isNaN(e))return;this.size===this.capacity&&this.evictOne(),0===this.size&&(this.shift=e,this.sum=0,this.sumSq=0);const s=(this.head+this.size)%this.capacity;this.times[s]=t,this.values[s]=e,this.size++;const i=e-this.shift;this.sum+=i,this.sumSq+=i*i;const n=this.seqNext++;for(;this.minTail>this.minHead&&this.valueOfSeq(this.dequeAt(this.minDeque,this.minTail-1))>=e;)this.minTail--;for(this.minDeque[this.minTail++%this.capacity]=n;this.maxTail>this.maxHead&&this.valueOfSeq(this.dequeAt(this.maxDeque,this.maxTail-1))<=e;)this.maxTail--;this.maxDeque[this.maxTail++%this.capacity]=n,this.sorted&&(this.hasPendingRemoval?(this.hasPendingRemoval=!1,this.sortedReplace(this.pendingRemoval,e)):this.sortedInsert(e))}advance(t){this.evictOlderThan(t-this.windowMs)}get mean(){return 0===this.size?Number.NaN:this.shift+this.sum/this.size}get variance(){if(this.size<2)return 1===this.size?0:Number.NaN;const t=this.sum/this.size;return Math.max(0,(this.sumSq-this.size*t*t)/(this.size-1))}get stddev(){return Math.sqrt(this.variance)}get min(){return 0===this.size?Number.NaN:this.valueOfSeq(this.dequeAt(this.minDeque,this.minHead))}get max(){return 0===this.size?Number.NaN:this.valueOfSeq(this.dequeAt(this.maxDeque,this.maxHead))}quantile(t){if(!this.sorted)throw new Error("WindowStats: quantiles disabled");if(0===this.size)return Number.NaN;this.hasPendingRemoval&&(this.hasPendingRemoval=!1,this.sortedRemove(this.pendingRemoval));const e=Math.min(1,Math.max(0,t))*(this.size-1),s=Math.floor(e),i=Math.min(this.size-1,s+1);return this.sorted[s]+(this.sorted[i]-this.sorted[s])*(e-s)}summary(){const t=t=>this.sorted?this.quantile(t):Number.NaN;return{count:this.size,mean:this.mean,min:this.min,max:this.max,stddev:this.stddev,p50:t(.5),p90:t(.9),p95:t(.95),p99:t(.99)}}reset(){this.head=this.size=0,this.minHead=this.minTail=this.maxHead=this.maxTail=0,this.seqFirst=this.seqNext=0,this.sum=this.sumSq=0,this.sortedSize=0,this.hasPendingRemoval=!1}dequeAt(t,e){return t[e%this.capacity]}valueOfSeq(t){const e=this.head+(t-this.seqFirst);return this.values[e>=this.capacity?e-this.capacity:e]}evictOlderThan(t){for(;this.size>0&&this.times[this.head]<t;)this.evictOne()}evictOne(){const t=this.values[this.head],e=this.seqFirst;this.dequeAt(this.minDeque,this.minHead)===e&&this.minHead++,this.dequeAt(this.maxDeque,this.maxHead)===e&&this.maxHead++,this.sorted&&(this.hasPendingRemoval&&this.sortedRemove(this.pendingRemoval),this.pendingRemoval=t,this.hasPendingRemoval=!0);const s=t-this.shift;this.sum-=s,this.sumSq-=s*s,this.head=this.head+1===this.capacity?0:this.head+1,this.size--,this.seqFirst++,0===this.size?this.reset():this.seqFirst%(4*this.capacity)==0&&this.resum()}resum(){this.shift=this.values[this.head],this.sum=0,this.sumSq=0;for(let t=0;t<this.size;t++){const e=this.values[(this.head+t)%this.capacity]-this.shift;this.sum+=e,this.sumSq+=e*e}}sortedInsert(t){const e=this.sorted;let s=this.sortedSize++;if(s>64){const i=this.sortedLowerBound(t,s);e.copyWithin(i+1,i,s),s=i}else for(;s>0&&e[s-1]>t;)e[s]=e[s-1],s--;e[s]=t}sortedRemove(t){const e=this.sorted,s=this.sortedSize--,i=this.sortedLowerBound(t,s);if(s-i>64)e.copyWithin(i,i+1,s);else for(let t=i;t<s-1;t++)e[t]=e[t+1]}sortedReplace(t,e){const s=this.sorted,i=this.sortedSize;let n=this.sortedLowerBound(t,i);if(e>t)if(i>64){const t=this.sortedLowerBound(e,i)-1;s.copyWithin(n,n+1,t+1),n=t}else for(;n+1<i&&s[n+1]<e;)s[n]=s[n+1],n++;else if(e<t)if(i>64){const t=this.sortedLowerBound(e,n);s.copyWithin(t+1,t,n),n=t}else for(;n>0&&s[n-1]>e;)s[n]=s[n-1],n--;s[n]=e}sortedLowerBound(t,e){const s=this.sorted;let i=0,n=e;for(;i<n;){const e=i+n>>>1;s[e]<t?i=e+1:n=e}return i}}const Dn={good:"good",warn:"needs improvement",poor:"poor",none:""};function Ln(t,e){return e&&void 0!==t&&Number.isFinite(t)?e.higherIsBetter?t>=e.good?"good":t>=e.warn?"warn":"poor":t<=e.good?"good":t<=e.warn?"warn":"poor":"none"}function jn(t,e,s){const i=new Float64Array(0);if(!t)return{p95:Number.NaN,p5:Number.NaN,count:0,times:i,values:i};const{times:n,values:r}=t.copyRange(e-s,1/0),a=new Un({windowMs:1/0,capacity:Math.max(1,r.length)});for(let t=0;t<r.length;t++)a.push(n[t],r[t]);const o=t.latest();return{latest:o&&Number.isFinite(o.v)?o.v:void 0,p95:a.quantile(.95),p5:a.quantile(.05),count:a.count,times:n,values:r}}function Hn(t,e,s,i=!1){if(0!==t.count)return i?`p5 ${Bn(t.p5,e,s)}`:`p95 ${Bn(t.p95,e,s)}`}function Bn(t,e,s){return void 0!==t&&Number.isFinite(t)?e?`${vi(t,s)} ${e}`:vi(t,s):"—"}function qn(t,e,s,i,n={}){const r=t?.snapshots.get(e),a=String(r?.attributes.unit_of_measurement??n.unit??""),o=jn(t?.series(e),s,i),h=r?.attributes.friendly_name,l=r&&!Number.isFinite(Number(r.state));return{key:e,label:n.label??("string"==typeof h?h:e),sublabel:n.sublabel,value:l?r.state:Bn(o.latest,a,n.decimals),band:l?"none":Ln(o.latest,n.bands),p95:Hn(o,a,n.decimals,n.bands?.higherIsBetter),times:o.times,values:o.values}}function Wn(t){const e=Ws(t.times,t.values,80,24),s=Dn[t.band],i=`${[t.label,t.sublabel].filter(Boolean).join(", ")}: ${t.value}${s?` (${s})`:""}${t.p95?`, ${t.p95}`:""}`;return B`
    <div class="row band-${t.band}" role="listitem" aria-label=${i} data-key=${t.key}>
      <span class="dot" title=${s||"no rating"} aria-hidden="true"></span>
      <span class="label"
        ><span class="label-main">${t.label}</span>${t.sublabel?B`<span class="sublabel">${t.sublabel}</span>`:V}</span
      >
      <span class="value" aria-hidden="true">${t.value}</span>
      <span class="p95" aria-hidden="true">${t.p95??""}</span>
      <svg class="spark" viewBox="0 0 ${80} ${24}" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        ${e.d?q`<path d=${e.d}></path>`:V}
      </svg>
    </div>
  `}const Vn=r`
  .rows {
    container-type: inline-size;
    display: flex;
    flex-direction: column;
  }
  .row {
    display: grid;
    grid-template-columns: 12px minmax(0, 1fr) auto minmax(76px, auto) 64px;
    align-items: center;
    gap: 8px;
    min-height: 36px;
    padding: 2px 0;
    border-bottom: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
  }
  .row:last-child {
    border-bottom: none;
  }
  .dot {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--disabled-text-color, #9e9e9e);
  }
  .band-good .dot {
    background: var(--vitals-ok);
  }
  .band-warn .dot {
    background: var(--vitals-warning);
    border-radius: 2px;
  }
  .band-poor .dot {
    background: var(--vitals-error);
    border-radius: 0;
    transform: rotate(45deg);
  }
  .label {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .label-main,
  .sublabel {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .label-main {
    color: var(--primary-text-color, #212121);
  }
  .sublabel {
    color: var(--secondary-text-color, #727272);
    font-size: 12px;
  }
  .value {
    color: var(--primary-text-color, #212121);
    font-variant-numeric: tabular-nums;
    font-weight: 500;
    text-align: end;
    white-space: nowrap;
  }
  /* Values keep the text colour (contrast on any theme); the band shows as the dot's colour and shape. */
  .row .p95 {
    color: var(--secondary-text-color, #727272);
    font-size: 12px;
    font-variant-numeric: tabular-nums;
    text-align: end;
    white-space: nowrap;
  }
  .spark {
    width: 64px;
    height: 24px;
  }
  @container (max-width: 340px) {
    .row {
      grid-template-columns: 12px minmax(0, 1fr) auto;
      grid-template-areas: 'dot label value' '. spark p95';
      row-gap: 0;
      padding: 4px 0;
    }
    .dot {
      grid-area: dot;
    }
    .label {
      grid-area: label;
    }
    .value {
      grid-area: value;
    }
    .row .p95 {
      grid-area: p95;
    }
    .spark {
      grid-area: spark;
      width: 100%;
      height: 16px;
    }
  }
`;class Jn extends wt{constructor(){super(...arguments),this._revision=0,this.lastRepaint=0,this.repaintMs=1e3}setConfig(t){this._config=function(t){const e=Dt(Mn,Pn,t),s=(e.metrics??[]).filter(t=>Sn[t].full);if("full"!==e.level&&s.length>0)throw new Error(`${Mn}: metrics: ${s.join(", ")} need level: full`);return{...e,type:"string"==typeof e.type?e.type:`custom:${Mn}`}}(t),this.attach()}start(t,e,s){this.disposers.push(()=>{clearTimeout(this.repaintTimer),this.repaintTimer=void 0});const i=Nn(e,s);this.disposers.push(i.useUx({level:t.level,pingIntervalMs:1e3*t.ping_interval})),this.disposers.push(e.onStatus(()=>this.repaint()));for(const s of Rn(t))this.disposers.push(e.watch(Sn[s].metric,()=>this.repaint()));for(const s of this.deviceRows())this.disposers.push(e.watch(s.entity,()=>this.repaint(),{historyMs:t.window}))}repaint(){if(void 0!==this.repaintTimer)return;const t=this.lastRepaint+this.repaintMs-performance.now();if(t<=0)return this.lastRepaint=performance.now(),void this._revision++;this.repaintTimer=window.setTimeout(()=>{this.repaintTimer=void 0,this.lastRepaint=performance.now(),this._revision++},t)}deviceRows(){const t=this._config,e=[];for(const s of t.devices)if(s.entity)e.push({entity:s.entity,device:s.name,key:zn(s.entity)});else if(s.entity_prefix)for(const i of Rn(t))e.push({entity:Fn(s.entity_prefix,i),device:s.name??s.entity_prefix,key:i,prefix:s.entity_prefix});return e}getCardSize(){const t=this._config,e=t?Rn(t).length+this.deviceRows().length:4;return 1+Math.ceil(.75*e)}getGridOptions(){return{columns:12,rows:"auto",min_columns:6,min_rows:3}}getLayoutOptions(){return{grid_columns:4,grid_rows:"auto",grid_min_columns:2}}static getStubConfig(){return{level:"basic"}}static async getConfigElement(){return await(import("./ha-vitals-editor-C3_QPcwT.js")),document.createElement("vitals-ux-card-editor")}ownRow(t,e){const s=Sn[t],i=jn(this.store?.series(s.metric),e,this._config.window);if("long_tasks"===t){let n=0;for(let t=0;t<i.times.length;t++)i.times[t]>=e-6e4&&Number.isFinite(i.values[t])&&n++;const r=i.count>0||(PerformanceObserver.supportedEntryTypes??[]).includes("longtask");return{key:t,label:s.label,value:r?Bn(n,s.unit,0):"—",band:r?Ln(n,s.bands):"none",p95:i.count>0?`p95 ${Bn(i.p95,"ms",0)}`:void 0,times:i.times,values:i.values}}return{key:t,label:s.label,value:Bn(i.latest,s.unit,s.decimals),band:Ln(i.latest,s.bands),p95:Hn(i,s.unit,s.decimals,s.bands?.higherIsBetter),times:i.times,values:i.values}}deviceRow(t,e){const s=t.key?Sn[t.key]:void 0,i=this.store?.snapshots.get(t.entity)?.attributes.friendly_name,n=t.device??(s&&"string"==typeof i?i:void 0);return qn(this.store,t.entity,e,this._config.window,{label:s?.label,sublabel:n,unit:s?.unit,decimals:s?.decimals,bands:s?.bands})}render(){const t=this._config,e=this.now(),s=t.title??"This browser",i=this.deviceRows(),n=i.filter(t=>!t.prefix||this.store?.snapshots.has(t.entity)),r=[...new Set(i.filter(t=>t.prefix).map(t=>t.prefix))].filter(t=>!n.some(e=>e.prefix===t));return B`
      <ha-card>
        <h2 class="title">${s}</h2>
        ${"reconnecting"===this.store?.status?B`<div class="banner" role="status">Reconnecting to Home Assistant — figures resume when the connection is back.</div>`:V}
        <div class="rows" role="list" aria-label="${s}: user experience">
          ${Rn(t).map(t=>Wn(this.ownRow(t,e)))}
        </div>
        ${i.length>0?B`<h3 class="section">Other devices</h3>
              <div class="rows devices" role="list" aria-label="The same figures reported by other devices">
                ${n.map(t=>Wn(this.deviceRow(t,e)))}
              </div>
              ${r.map(t=>{const e=i.find(e=>e.prefix===t).device;return B`<p class="note">${e}: no sensors named ${Fn(t,"rtt").replace(/ws_rtt_ms$/,"…")} yet.</p>`})}`:V}
      </ha-card>
    `}}Jn.properties={_revision:{state:!0}},Jn.styles=[_t,Vn,r`
      .title {
        margin: 0 0 4px;
      }
      .section {
        margin: 12px 0 0;
      }
      .note {
        margin: 4px 0;
        font-size: 13px;
        color: var(--secondary-text-color, #727272);
      }
      .banner {
        margin: 4px 0;
      }
    `];const Gn={type:Mn,name:"Vitals user experience",description:"This browser's experience of Home Assistant: round trip, delivery lag, INP, long tasks, frame rate, and the monitor's own overhead.",preview:!0,documentationURL:"https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards-ai-ux.md#vitals-ux-card"},Zn="vitals-ai-card",Kn=60,Xn=300,Yn=ue({text:Yt,interval:fe(ee(60,86400),300),pipeline:ge(Yt)}),Qn=jt(ue({entity:re,name:ge(Xt)})),tr=Vs({title:ge(Xt),pipeline:ge(Yt),runs_to_show:fe(ee(1,50,!0),10),poll_interval:fe(ee(5,3600),15),probe:ge(Yn),metrics:fe(oe(Qn,"metrics (entity ids or {entity, name})",{single:!0}),[])}),er=new Set(["conversation.home_assistant","homeassistant"]),sr={wake_word:"Wake word",stt:"Speech to text",intent:"Intent",tts:"Text to speech"};function ir(t){const e=new Un({windowMs:1/0,capacity:Math.max(1,t.length)});return t.forEach((t,s)=>e.push(s,t)),{p50:e.quantile(.5),p95:e.quantile(.95),count:e.count}}function nr(t){return void 0!==t.totalMs?t.totalMs:nn.reduce((e,s)=>e+(t.stages[s]??0),0)}function rr(t){return void 0!==t&&Number.isFinite(t)?t<1e3?`${vi(t,0)} ms`:`${vi(t/1e3,t<1e4?2:1)} s`:"—"}const ar=36e5;class or extends wt{constructor(){super(...arguments),this._revision=0,this.probing=!1}setConfig(t){this._config=function(t){const e=Dt(Zn,tr,t);return{...e,type:"string"==typeof e.type?e.type:`custom:${Zn}`}}(t),this.attach()}start(t,e,s){const i=Nn(e,s);this.telemetry=i;const n=()=>this._revision++;this.disposers.push(i.assist.onChange(n)),this.disposers.push(e.onStatus(n)),this.disposers.push(i.useAssist(1e3*t.poll_interval));for(const s of t.metrics)this.disposers.push(e.watch(s.entity,n,{historyMs:ar}));if(t.probe){const e=window.setInterval(()=>{this.runProbe()},1e3*t.probe.interval);this.disposers.push(()=>clearInterval(e))}}async runProbe(){const t=this._config?.probe;if(t&&this.telemetry&&!this.probing&&"hidden"!==document.visibilityState){this.probing=!0;try{await this.telemetry.assist.probe(t.text,t.pipeline??this._config?.pipeline),this._probeError=void 0}catch(t){this._probeError=t?.message??String(t)}finally{this.probing=!1}}}getCardSize(){return 4+Math.ceil((this._config?.runs_to_show??10)/2)+(this._config?.metrics.length??0)}getGridOptions(){return{columns:12,rows:"auto",min_columns:6,min_rows:4}}getLayoutOptions(){return{grid_columns:4,grid_rows:"auto",grid_min_columns:2}}static async getStubConfig(t){try{const e=await(t?.connection?.sendMessagePromise({type:"assist_pipeline/pipeline/list"}));return e?.preferred_pipeline?{pipeline:e.preferred_pipeline}:{}}catch{return{}}}static async getConfigElement(){return await(import("./ha-vitals-editor-BTy2IV6r.js")),document.createElement("vitals-ai-card-editor")}pipelineName(t){return this.telemetry?.assist.pipelineList.find(e=>e.id===t)?.name??t}timeOf(t){return new Date(t).toLocaleTimeString(this._hass?.locale?.language??this._hass?.language,{hour:"2-digit",minute:"2-digit",second:"2-digit"})}notice(t){const e=this.telemetry?.assist;return e&&"idle"!==e.state?"forbidden"===e.state?B`<p class="notice forbidden" role="status">Assist run details need an administrator account.</p>`:"unavailable"===e.state?B`<p class="notice unavailable" role="status">${e.message}</p>`:0===t.length?B`<p class="notice empty" role="status">No Assist runs yet — ask Assist something.</p>`:V:B`<p class="notice" role="status">Reading Assist runs…</p>`}render(){const t=this._config,e=this.telemetry?.assist,s="ok"===e?.state?function(t,e,s){const i=e?t.filter(t=>t.pipelineId===e):[...t];return i.slice(-s).reverse()}(e.runs,t.pipeline,t.runs_to_show):[],i=t.title??"Assist";return B`
      <ha-card>
        <div class="header">
          <h2 class="title">${i}</h2>
          ${t.pipeline?B`<span class="pipeline">${this.pipelineName(t.pipeline)}</span>`:V}
        </div>
        ${"reconnecting"===this.store?.status?B`<div class="banner" role="status">Reconnecting to Home Assistant — runs resume when the connection is back.</div>`:V}
        ${this.notice(s)} ${s.length>0?this.renderRuns(s):V}
        ${t.probe&&this._probeError?B`<p class="notice probe-error" role="alert">Probe failed: ${this._probeError}</p>`:V}
        ${t.metrics.length>0?B`<h3 class="section">AI metrics</h3>
              <div class="rows metrics" role="list" aria-label="AI metrics">${t.metrics.map(t=>Wn(qn(this.store,t.entity,this.now(),ar,{label:t.name})))}</div>`:V}
      </ha-card>
    `}renderRuns(t){const e=function(t){const e=nn.map(e=>({stage:e,...ir(t.map(t=>t.stages[e]).filter(t=>void 0!==t))})).filter(t=>t.count>0),s=t.filter(t=>t.error).length;return{stages:e,total:ir(t.map(t=>t.totalMs).filter(t=>void 0!==t)),runs:t.length,errors:s,errorRate:(i=s,n=t.length,n>0?Math.min(1,Math.max(0,i/n)):Number.NaN)};var i,n}(t),s=Math.max(1,...t.map(nr)),i=e.errorRate;return B`
      <p class="errors ${e.errors>0?"has-errors":""}">
        Errors: <strong>${vi(100*i,0)} %</strong> (${e.errors} of ${e.runs} ${1===e.runs?"run":"runs"})
      </p>
      <table class="stats">
        <caption>
          Latency over the last ${e.runs} ${1===e.runs?"run":"runs"}
        </caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">p50</th>
            <th scope="col">p95</th>
          </tr>
        </thead>
        <tbody>
          ${e.stages.map(t=>B`<tr class="stage-${t.stage}">
              <th scope="row"><span class="swatch ${t.stage}" aria-hidden="true"></span>${sr[t.stage]}</th>
              <td class="p50">${rr(t.p50)}</td>
              <td class="p95">${rr(t.p95)}</td>
            </tr>`)}
          <tr class="stage-total">
            <th scope="row">Whole run</th>
            <td class="p50">${rr(e.total.p50)}</td>
            <td class="p95">${rr(e.total.p95)}</td>
          </tr>
        </tbody>
      </table>
      <h3 class="section">Recent runs</h3>
      <ul class="runs" aria-label="Recent Assist runs, newest first">
        ${t.map(t=>this.renderRun(t,s))}
      </ul>
      ${this.renderSlowest(t)}
    `}renderRun(t,e){const s=nn.filter(e=>void 0!==t.stages[e]).map(e=>`${sr[e]} ${rr(t.stages[e])}`),i=t.agent?`, agent ${t.agent}`:"",n=t.error?`, failed: ${t.error.code}${t.error.message?` (${t.error.message})`:""}`:"",r=`${this.timeOf(t.start)}: ${s.join(", ")||"no stage timings"}, total ${rr(t.totalMs)}${i}${n}`;return B`
      <li class="run ${t.error?"failed":""}" data-run=${t.runId}>
        <span class="when" aria-hidden="true">${this.timeOf(t.start)}</span>
        <div class="bar" role="img" aria-label=${r}>
          ${nn.filter(e=>void 0!==t.stages[e]).map(s=>B`<span class="segment ${s}" style="width: ${(t.stages[s]/e*100).toFixed(2)}%" title="${sr[s]}: ${rr(t.stages[s])}"></span>`)}
        </div>
        <span class="total" aria-hidden="true">${t.error?B`<span class="error-code" title=${t.error.message||t.error.code}>${t.error.code}</span>`:rr(t.totalMs)}</span>
        ${t.agent||t.runId.startsWith("probe-")?B`<span class="agent" aria-hidden="true" title=${t.agent??V}>${t.runId.startsWith("probe-")?"probe · ":""}${t.agent??""}</span>`:V}
      </li>
    `}renderSlowest(t){const e=function(t,e=3){return t.filter(t=>void 0!==t.totalMs).sort((t,e)=>e.totalMs-t.totalMs||e.start-t.start).slice(0,e)}(t,3);return 0===e.length?V:B`
      <h3 class="section">Slowest</h3>
      <ol class="slowest">
        ${e.map(t=>B`<li>
            <strong class="total">${rr(t.totalMs)}</strong> <span class="when">${this.timeOf(t.start)}</span>
            <span class="where">${this.pipelineName(t.pipelineId)}${t.agent?` · ${t.agent}`:""}</span>
          </li>`)}
      </ol>
    `}}or.properties={_revision:{state:!0},_probeError:{state:!0}},or.styles=[_t,Vn,r`
      :host {
        --vitals-stage-wake-word: var(--vitals-ai-wake-word-color, var(--purple-color, #926bc7));
        --vitals-stage-stt: var(--vitals-ai-stt-color, var(--blue-color, #2196f3));
        --vitals-stage-intent: var(--vitals-ai-intent-color, var(--orange-color, #ff9800));
        --vitals-stage-tts: var(--vitals-ai-tts-color, var(--green-color, #4caf50));
      }
      .header {
        justify-content: normal;
        flex-wrap: wrap;
      }
      .pipeline,
      .when,
      .agent,
      .where,
      caption {
        color: var(--secondary-text-color, #727272);
        font-size: 12px;
      }
      .banner,
      .notice {
        margin: 8px 0;
      }
      .errors {
        margin: 8px 0;
        font-size: 14px;
      }
      .errors.has-errors strong,
      .error-code {
        color: var(--vitals-error);
      }
      table.stats {
        color: var(--primary-text-color, #212121);
        width: 100%;
        border-collapse: collapse;
        font-size: 13px;
        font-variant-numeric: tabular-nums;
      }
      caption {
        text-align: start;
        padding-bottom: 2px;
      }
      .stats th,
      .stats td {
        padding: 2px 4px;
        text-align: end;
        font-weight: 400;
      }
      .stats th[scope='row'],
      .stats thead th:first-child {
        text-align: start;
      }
      .stats thead th {
        color: var(--secondary-text-color, #727272);
      }
      .stage-total th,
      .stage-total td {
        border-top: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
        font-weight: 500;
      }
      .swatch {
        display: inline-block;
        width: 10px;
        height: 10px;
        margin-inline-end: 6px;
        border-radius: 2px;
        vertical-align: baseline;
      }
      .run {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr) 4.5em;
        grid-template-areas: 'when bar total' '. agent agent';
        align-items: center;
        column-gap: 8px;
        padding: 2px 0;
      }
      .run .when {
        grid-area: when;
        font-variant-numeric: tabular-nums;
      }
      .bar {
        grid-area: bar;
        display: flex;
        height: 12px;
        border-radius: 3px;
        overflow: hidden;
        background: var(--secondary-background-color, rgba(127, 127, 127, 0.12));
      }
      .run.failed .bar {
        outline: 2px solid var(--vitals-error);
        outline-offset: -2px;
      }
      .segment {
        height: 100%;
        min-width: 1px;
        transition: width 0.3s ease;
      }
      .wake_word {
        background: var(--vitals-stage-wake-word);
      }
      .stt {
        background: var(--vitals-stage-stt);
      }
      .intent {
        background: var(--vitals-stage-intent);
      }
      .tts {
        background: var(--vitals-stage-tts);
      }
      .run .total {
        grid-area: total;
        text-align: end;
        font-size: 13px;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .run .agent {
        grid-area: agent;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      ol.slowest li {
        display: grid;
        grid-template-columns: 4.5em minmax(0, 1fr);
        column-gap: 8px;
        align-items: baseline;
        padding: 2px 0;
        font-size: 13px;
      }
      ol.slowest .total {
        font-variant-numeric: tabular-nums;
      }
      ol.slowest .where {
        grid-column: 2;
        overflow-wrap: anywhere;
      }
      @media (prefers-reduced-motion: reduce) {
        .segment {
          transition: none;
        }
      }
    `];const hr={type:Zn,name:"Vitals Assist / AI",description:"Assist pipeline runs: stage latency per run, p50/p95 per stage, error rate, slowest runs, and AI metrics.",preview:!0,documentationURL:"https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards-ai-ux.md#vitals-ai-card"};let lr;const cr={callService:(t,e,s)=>lr?Promise.resolve(lr.callService(t,e,s)):Promise.reject(new Error("Home Assistant is not connected"))};class ur extends wt{constructor(){super(...arguments),this.attachment=0}hassChanged(t){!function(t){lr=t}(t)}detach(){this.attachment++,super.detach()}withHub(t,e){if(this.hubStore&&this.hubStore!==t&&(this.hub=void 0),this.hub)return void e(this.hub);const s=this.attachment;(async function(t){const{alertHubFor:e}=await Promise.resolve().then(function(){return qs});return e(t,cr)})(t).then(i=>{s===this.attachment&&(this.hub=i,this.hubStore=t,e(i))})}}const dr={cpu:[/^sensor\.(system_monitor_)?processor_use(_percent)?$/,/processor_use/,/cpu(_usage|_use|_percent|_load)?$/],memory:[/^sensor\.(system_monitor_)?memory_use_percent$/,/memory_use_percent/,/memory(_usage|_use)?(_percent)?$/],disk:[/^sensor\.(system_monitor_)?disk_use_percent(_|$)/,/disk_use_percent/,/disk(_usage|_use)?(_percent)?/],load:[/^sensor\.(system_monitor_)?load_1m$/,/load_1m/,/load_(5|15)m/],network_in:[/network_throughput_in/,/network_in/],network_out:[/network_throughput_out/,/network_out/],temperature:[/processor_temperature/,/cpu_temp/],database:[/database_size/,/recorder_db/]},pr={cpu:["%"],memory:["%"],disk:["%"],temperature:["°C","°F"]};function mr(t,e={}){const s=Object.keys(t).filter(e=>e.startsWith("sensor.")&&Number.isFinite(Number(t[e].state))).sort((t,s)=>Number("systemmonitor"===e[s]?.platform)-Number("systemmonitor"===e[t]?.platform)||t.localeCompare(s)),i={},n=new Set;for(const e of Object.keys(dr)){const r=pr[e];for(const a of dr[e]){const o=s.find(e=>{if(n.has(e)||!a.test(e))return!1;const s=t[e].attributes?.unit_of_measurement;return!r||r.includes(String(s??""))});if(o){i[e]=o,n.add(o);break}}}return i}const fr="vitals-alerts-card",gr=Vs({title:ge(Xt),entities:fe(oe(re,"entity ids",{single:!0}),[]),alerts:It(),show:fe(se(["active","all"]),"all"),max_items:fe(ee(1,500,!0),20),snooze_options:fe(oe(ie,"durations",{single:!0}),["15m","1h","4h","1d"])});function vr(t){const e=new Set(t.entities);for(const s of t.alerts.rules)for(const t of s.entity)e.add(t);return[...e].sort()}function yr(t){return`alerts:${vr(t).join(",")}:${function(t){let e=2166136261;for(let s=0;s<t.length;s++)e^=t.charCodeAt(s),e=Math.imul(e,16777619);return(e>>>0).toString(16).padStart(8,"0")}(br(t.alerts))}`}function br(t){if(Array.isArray(t))return`[${t.map(br).join(",")}]`;if(t&&"object"==typeof t){const e=Object.entries(t).filter(([,t])=>void 0!==t).sort(([t],[e])=>t<e?-1:t>e?1:0);return`{${e.map(([t,e])=>`${JSON.stringify(t)}:${br(e)}`).join(",")}}`}return JSON.stringify(t)??"null"}const wr={firing:0,pending:1,resolved:2,inactive:3},_r={critical:0,warning:1,info:2};function $r(t){return("firing"===t.state?t.firedAt:"pending"===t.state?t.activeAt:t.resolvedAt)??0}function xr(t){return t.name??t.service.join(", ")}function Nr(t,e){const s=new Date(t),i=`${String(s.getHours()).padStart(2,"0")}:${String(s.getMinutes()).padStart(2,"0")}`;return new Date(e).toDateString()===s.toDateString()?i:`${s.toLocaleDateString(void 0,{day:"numeric",month:"short"})} ${i}`}const Mr={critical:"!",warning:"▲",info:"i"};class kr extends ur{constructor(){super(...arguments),this._revision=0,this._status="idle"}setConfig(t){const e=function(t){const e=Dt(fr,gr,t);let s;if(void 0===e.alerts){const t=Ge([]);s=t.ok?{...t.value,rules:e.entities.length?Ze.map(t=>({...t})):[]}:{rules:[],inhibit:[],reconnect_grace:12e4}}else{const t=Ge(e.alerts);if(!t.ok)throw new Error(`${fr}: ${Ut(t.errors)}`);s=t.value}if(0===e.snooze_options.length)throw new Error(`${fr}: snooze_options: expected at least one duration`);return{type:"string"==typeof e.type?e.type:`custom:${fr}`,title:e.title,entities:e.entities,alerts:s,show:e.show,max_items:e.max_items,snooze_options:e.snooze_options}}(t),s=!this._config||yr(e)!==this.scopeId;this._config=e,s&&this.attach()}detach(){super.detach(),this.scopeId=void 0}start(t,e){this._status=e.status,this.disposers.push(e.onStatus(t=>this._status=t));const s=setInterval(()=>this.refresh(),3e4);this.disposers.push(()=>clearInterval(s)),this.withHub(e,e=>this.connectHub(e,t))}connectHub(t,e){this.disposers.push(t.onChange(()=>this.refresh()));const s=vr(e);if(s.length&&e.alerts.rules.length){const i=yr(e);this.scopeId=i,this.disposers.push(t.register({id:i,entities:s,config:e.alerts}))}this.refresh()}refresh(){this._revision++}getCardSize(){return 4}getGridOptions(){return{columns:12,rows:"auto",min_columns:6,min_rows:2}}getLayoutOptions(){return{grid_columns:4,grid_rows:4,grid_min_columns:2,grid_min_rows:2}}static getStubConfig(t){const e=mr(t?.states??{},t?.entities??{}),s=[e.cpu,e.memory].filter(t=>!!t);return{entities:s.length?s:["sensor.processor_use","sensor.memory_use_percent"],alerts:Je.map(t=>({...t}))}}static async getConfigElement(){return await(import("./ha-vitals-editor-DJVdyfnM.js")),document.createElement("vitals-alerts-card-editor")}nameOf(t){const e=this._hass?.states?.[t]?.attributes?.friendly_name,s=this.store?.snapshots.get(t)?.attributes.friendly_name;return String(e??s??t)}unitOf(t){const e=this._hass?.states?.[t]?.attributes?.unit_of_measurement??this.store?.snapshots.get(t)?.attributes.unit_of_measurement;return void 0===e?void 0:String(e)}label(t){return`${t.rule} on ${this.nameOf(t.seriesId)}`}ack(t){const e=this._hass?.user?.name;this.hub?.ack(t.scope,t.key,e)}snooze(t,e){this._openSnooze=void 0,this.hub?.snooze(t.scope,t.key,e)}silence(t){const e=this.now(),s=this._hass?.user?.name;this.hub?.silence(t.scope,{id:`card-${t.key}-${e}`,matchers:[{name:"alertname",op:"=",value:t.rule},{name:"entity",op:"=",value:t.seriesId}],startsAt:e,endsAt:e+36e5,comment:"Silenced from the alerts card",createdBy:s})}toggleSnooze(t){this._openSnooze=this._openSnooze===t?void 0:t}onMenuKey(t){"Escape"===t.key&&(this._openSnooze=void 0,t.stopPropagation())}render(){const t=this._config,e=this.hub,s=this.now(),i=function(t,e,s,i){return t.filter(t=>"firing"===t.state||"pending"===t.state||"all"===e&&"resolved"===t.state&&void 0!==t.resolvedAt&&s-t.resolvedAt<=36e5).sort((t,e)=>wr[t.state]-wr[e.state]||_r[t.severity]-_r[e.severity]||$r(e)-$r(t)||t.key.localeCompare(e.key)).slice(0,i)}(e?.alerts()??[],t.show,s,t.max_items),n=e?.failures??[],r=t.alerts.rules.filter(t=>t.enabled).length,a=vr(t).length;return B`
      <ha-card>
        <h2 class="title">${t.title??"Alerts"}</h2>
        ${"reconnecting"===this._status?B`<p class="banner reconnecting" role="status">Reconnecting to Home Assistant… alerts keep their state, no-data rules wait.</p>`:V}
        ${n.length?B`<p class="banner failure" role="alert">
              ⚠ ${n.length} notification${1===n.length?"":"s"} failed; last: ${n[n.length-1].intent.service} —
              ${n[n.length-1].error}
            </p>`:V}
        ${0===i.length?B`<p class="empty" role="status">
              ${a?`All clear — ${r} rule${1===r?"":"s"} watching ${a} entit${1===a?"y":"ies"}`:"All clear — no alerts from any card"}
            </p>`:B`<ul class="alerts" aria-label="Alerts">
              ${i.map(t=>this.renderAlert(t,s))}
            </ul>`}
        ${this.renderHistory(s)}
      </ha-card>
    `}renderAlert(t,e){const s=this._config,i=function(t,e){return t?.rules.find(t=>t.name===e)}(this.hub?.scopeConfig(t.scope),t.rule),n=function(t,e,s){if(!e||"firing"!==t.state||void 0===t.firedAt||0===e.notify.length)return;const i=void 0!==t.snoozedUntil&&t.snoozedUntil>t.firedAt?t.snoozedUntil:t.firedAt,n=e.notify.length,r=e.notify.filter(t=>i+t.after<=s).length;let a;if(t.acknowledged)a="escalation stopped: acknowledged";else if(t.silenced)a="escalation stopped: silenced";else if(t.inhibitedBy.length)a="escalation held: inhibited";else if(r>=n)a=1===n?`notified: ${xr(e.notify[0])}`:`all ${n} tiers notified`;else{const t=e.notify[r];a=`next: ${xr(t)} in ${mi(i+t.after-s)}`}return{reached:r,total:n,text:a}}(t,i,e),r="resolved"===t.state?"resolved":t.severity,a="firing"===t.state||"pending"===t.state,o=this._openSnooze===`${t.scope}|${t.key}`,h=this.label(t);return B`
      <li class="alert ${r} ${t.state}" data-key=${t.key} data-scope=${t.scope}>
        <span class="icon" aria-hidden="true">${"resolved"===t.state?"✓":Mr[t.severity]}</span>
        <div class="body">
          <div class="head">
            <span class="rule">${t.rule}</span>
            <span class="entity">${this.nameOf(t.seriesId)}</span>
          </div>
          <div class="state"><span class="sr">${t.severity}: </span>${function(t,e){const s=$r(t);if(!s)return t.state;const i=mi(Math.max(0,e-s));return"resolved"===t.state?`resolved ${i} ago`:`${t.state} for ${i}`}(t,e)}</div>
          <div class="detail">
            ${Number.isFinite(t.value)?B`<span class="value">${yi(t.value,this.unitOf(t.seriesId))}</span>`:V}
            ${t.reason?B`<span class="reason">${t.reason}</span>`:V}
          </div>
          <div class="badges">
            ${t.acknowledged?B`<span class="badge ack">acknowledged${t.ack?.by?` by ${t.ack.by}`:""}</span>`:V}
            ${t.snoozed&&void 0!==t.snoozedUntil?B`<span class="badge snoozed">snoozed until ${Nr(t.snoozedUntil,e)}</span>`:V}
            ${t.silenced?B`<span class="badge silenced">silenced</span>`:V}
            ${t.inhibitedBy.length?B`<span class="badge inhibited">inhibited by ${t.inhibitedBy.map(t=>this.describeKey(t)).join(", ")}</span>`:V}
            ${t.flapping?B`<span class="badge flapping">flapping</span>`:V}
          </div>
          ${n?B`<div class="escalation">${n.total>1?`tier ${n.reached} of ${n.total} · `:""}${n.text}</div>`:V}
          ${a?B`<div class="actions">
                ${t.acknowledged?V:B`<button class="ack" aria-label="Acknowledge ${h}" @click=${()=>this.ack(t)}>Acknowledge</button>`}
                <button
                  class="snooze"
                  aria-label="Snooze ${h}"
                  aria-haspopup="true"
                  aria-expanded=${o?"true":"false"}
                  @click=${()=>this.toggleSnooze(`${t.scope}|${t.key}`)}
                >
                  Snooze
                </button>
                ${t.silenced?V:B`<button class="silence" aria-label="Silence ${h} for 1 hour" @click=${()=>this.silence(t)}>Silence 1 h</button>`}
                ${o?B`<div class="menu" role="group" aria-label="Snooze ${h} for" @keydown=${this.onMenuKey}>
                      ${s.snooze_options.map(e=>B`<button class="preset" data-ms=${e} aria-label="Snooze ${h} for ${mi(e)}" @click=${()=>this.snooze(t,e)}>
                            ${Jt(e)}
                          </button>`)}
                    </div>`:V}
              </div>`:V}
        </div>
      </li>
    `}describeKey(t){const e=t.indexOf("/");return e<0?t:`${t.slice(0,e)} on ${this.nameOf(t.slice(e+1))}`}renderHistory(t){const e=(this.hub?.transitions??[]).slice(-10).reverse();return 0===e.length?V:B`
      <details class="history">
        <summary>Recent changes (${e.length})</summary>
        <ol>
          ${e.map(e=>B`<li>
              <time datetime=${new Date(e.at).toISOString()}>${Nr(e.at,t)}</time>
              <span class="what">${e.rule} · ${this.nameOf(e.seriesId)}</span>
              <span class="change">${e.from} → ${e.to}</span>
              ${Number.isFinite(e.value)?B`<span class="value">${yi(e.value,this.unitOf(e.seriesId))}</span>`:V}
            </li>`)}
        </ol>
      </details>
    `}}kr.properties={_revision:{state:!0},_openSnooze:{state:!0},_status:{state:!0}},kr.styles=[_t,r`
      ha-card {
        overflow: auto;
      }
      .title {
        margin: 0 0 8px;
      }
      .banner {
        margin: 0 0 8px;
        border-radius: 6px;
      }
      .failure {
        border-left: 4px solid var(--vitals-warning);
      }
      .empty {
        margin: 8px 0;
        color: var(--vitals-ok);
      }
      .alert {
        display: flex;
        gap: 10px;
        padding: 8px 0;
        border-top: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
      }
      .alert:first-child {
        border-top: none;
      }
      .icon {
        flex: 0 0 28px;
        height: 28px;
        border-radius: 50%;
        display: flex;
        align-items: center;
        justify-content: center;
        font-weight: 700;
        color: #fff;
        background: var(--vitals-info);
      }
      .critical .icon {
        background: var(--vitals-error);
      }
      .warning .icon {
        background: var(--vitals-warning);
      }
      .resolved .icon {
        background: var(--vitals-ok);
      }
      .pending .icon {
        opacity: 0.7;
      }
      .body {
        flex: 1 1 auto;
        min-width: 0;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 0 8px;
        font-weight: 500;
      }
      .entity {
        color: var(--secondary-text-color, #727272);
        overflow-wrap: anywhere;
      }
      .state,
      .detail,
      .escalation {
        font-size: 13px;
        color: var(--secondary-text-color, #727272);
      }
      .detail .value {
        font-weight: 500;
        color: var(--primary-text-color, #212121);
        margin-right: 6px;
      }
      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        margin-top: 2px;
      }
      .badge {
        font-size: 12px;
        padding: 1px 6px;
        border-radius: 10px;
        border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.2));
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-top: 6px;
      }
      .menu {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        flex-basis: 100%;
      }
      button {
        min-height: 40px;
        min-width: 40px;
        padding: 0 12px;
        border-radius: 20px;
        border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.2));
        background: var(--card-background-color, #fff);
        color: var(--primary-color, #03a9f4);
        font: inherit;
        font-size: 14px;
        cursor: pointer;
      }
      button:focus-visible {
        outline-offset: 2px;
      }
      .history {
        margin-top: 8px;
        font-size: 13px;
      }
      .history summary {
        cursor: pointer;
        min-height: 40px;
        display: flex;
        align-items: center;
      }
      .history li {
        display: flex;
        flex-wrap: wrap;
        gap: 0 8px;
        padding: 2px 0;
      }
      .history time {
        font-variant-numeric: tabular-nums;
        color: var(--secondary-text-color, #727272);
      }
      @media (prefers-reduced-motion: no-preference) {
        button {
          transition: background-color 0.15s;
        }
      }
    `];const Sr={type:fr,name:"Vitals alerts",description:"Every alert on the dashboard: acknowledge, snooze, silence, escalation and recent changes.",preview:!0,documentationURL:"https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards-alerts-overview.md#vitals-alerts-card"},Ar="vitals-overview-card",Tr=["ai","system","experience"],zr={ai:"AI",system:"System",experience:"Experience"},Cr=["vitals.assist_total_ms","vitals.assist_intent_ms"],Ir=["vitals.ws_rtt_ms","vitals.state_lag_ms"],Er=["cpu","memory","disk","load"],Or=t=>ge(oe(re,t,{single:!0})),Pr=Vs({title:ge(Xt),ai:Or("entity or vitals.* metric ids"),system:Or("entity ids"),experience:Or("entity or vitals.* metric ids"),hours_to_show:fe(ee(1,8784),24),baseline:fe(ie,"7d"),max_insights:fe(ee(1,20,!0),3),navigation_path:ge(Yt)}),Rr={"vitals.assist_total_ms":{name:"Assist total",unit:"ms"},"vitals.assist_wake_word_ms":{name:"Assist wake word",unit:"ms"},"vitals.assist_stt_ms":{name:"Assist speech-to-text",unit:"ms"},"vitals.assist_intent_ms":{name:"Assist intent",unit:"ms"},"vitals.assist_tts_ms":{name:"Assist text-to-speech",unit:"ms"},"vitals.assist_errors":{name:"Assist errors",unit:""},"vitals.llm_turn_ms":{name:"LLM turn",unit:"ms"},"vitals.ws_rtt_ms":{name:"Websocket round trip",unit:"ms"},"vitals.state_lag_ms":{name:"State delivery lag",unit:"ms"},"vitals.service_call_ms":{name:"Service call latency",unit:"ms"},"vitals.long_task_ms":{name:"Long tasks",unit:"ms"},"vitals.inp_ms":{name:"Interaction to next paint",unit:"ms"},"vitals.heap_mb":{name:"JS heap",unit:"MB"},"vitals.fps":{name:"Frame rate",unit:"fps",higherIsBetter:!0},"vitals.monitor_overhead_ms":{name:"Monitor overhead",unit:"ms"}};let Fr;const Ur=36e5,Dr=Ur,Lr={unknown:"no verdict yet",green:"healthy",amber:"degraded",red:"critical"},jr={unknown:"…",green:"✓",amber:"!",red:"‼"};class Hr extends ur{constructor(){super(...arguments),this._revision=0,this._status="idle",this.domains={ai:[],system:[],experience:[]}}setConfig(t){this._config=function(t){const e=Dt(Ar,Pr,t);if(e.baseline<36e5)throw new Error(`${Ar}: baseline: expected at least 1h, got ${JSON.stringify(t.baseline)}`);return{...e,type:"string"==typeof e.type?e.type:`custom:${Ar}`}}(t),this.attach()}detach(){super.detach(),void 0!==this.pending&&clearTimeout(this.pending),this.pending=void 0}start(t,e){const s=this._hass;this.domains=function(t,e){const s=mr(e?.states??{},e?.entities??{});return{ai:t.ai??Cr,system:t.system??Er.map(t=>s[t]).filter(t=>!!t),experience:t.experience??Ir}}(t,s);const i=Math.max(t.hours_to_show*Ur,t.baseline+Ur);for(const t of this.allIds())this.disposers.push(e.watch(t,()=>this.schedule(),{historyMs:i}));this._status=e.status,this.disposers.push(e.onStatus(t=>this._status=t)),this.withHub(e,t=>{this.disposers.push(t.onChange(()=>this.judgeDomains())),this.judgeDomains()}),this.useTelemetry(e,s);const n=setInterval(()=>{this.recompute()},6e4);this.disposers.push(()=>clearInterval(n)),this.recompute()}useTelemetry(t,e){if("function"!=typeof e.connection.ping)return;const s=this.allIds(),i=Nn(t,e.connection);s.some(t=>/^vitals\.(ws_rtt|state_lag|service_call)_ms$/.test(t))&&this.disposers.push(i.useUx({level:"basic"})),s.some(t=>t.startsWith("vitals.assist_"))&&this.disposers.push(i.useAssist()),s.includes("vitals.llm_turn_ms")&&this.disposers.push(i.useLlm())}allIds(){return[...new Set(Tr.flatMap(t=>this.domains[t]))]}schedule(){void 0===this.pending&&(this.pending=setTimeout(()=>{this.pending=void 0,this.recompute()},1e3))}async recompute(){this.compute??=await(Fr??=import("./ha-vitals-compute-BdiHu1F9.js"));const t=this._config,e=this.store;if(!t||!e)return;const s=[];for(const t of Tr)for(const i of this.domains[t]){const n=e.series(i),{times:r,values:a}=n?n.copyRange():{times:[],values:[]},o=this.unitOf(i);s.push({entity:i,name:this.nameOf(i),unit:o,times:r,values:a,limit:"system"===t&&"%"===o&&/disk|storage/.test(i)?100:void 0,higherIsBetter:Rr[i]?.higherIsBetter})}this.result=this.compute.generateInsights(s,{now:this.now(),baselineMs:t.baseline,minBaselineMs:Dr,trendWindowMs:t.hours_to_show*Ur}),this.judgeDomains()}judgeDomains(){const t=this.compute;if(t){const e=this.hub?.alerts()??[],s=this.result?.insights??[],i=this.result?.analyses??[],n=n=>t.domainHealth(this.domains[n],e,s,i,t=>this.nameOf(t),t=>this.unitOf(t));this.health={ai:n("ai"),system:n("system"),experience:n("experience")}}this._revision++}nameOf(t){const e=this._hass?.states?.[t]?.attributes??this.store?.snapshots.get(t)?.attributes;return String(e?.friendly_name??Rr[t]?.name??t)}unitOf(t){const e=this._hass?.states?.[t]?.attributes??this.store?.snapshots.get(t)?.attributes,s=e?.unit_of_measurement??Rr[t]?.unit;return void 0===s||""===s?void 0:String(s)}getCardSize(){return 4}getGridOptions(){return{columns:12,rows:"auto",min_columns:6,min_rows:3}}getLayoutOptions(){return{grid_columns:4,grid_rows:4,grid_min_columns:2,grid_min_rows:3}}static async getConfigElement(){const{OVERVIEW_EDITOR_TYPE:t}=await(import("./ha-vitals-editor-CStPg0Qm.js"));return document.createElement(t)}static getStubConfig(){return{hours_to_show:24,baseline:"7d",max_insights:3}}open(t){const e=this._config?.navigation_path;if(e)return history.pushState(null,"",e),void window.dispatchEvent(new CustomEvent("location-changed",{detail:{replace:!1}}));this.dispatchEvent(new CustomEvent("hass-more-info",{detail:{entityId:t.entity},bubbles:!0,composed:!0}))}linkable(t){return!!this._config?.navigation_path||!vt(t.entity)}render(){const t=this._config,e=this.result,s=(e?.insights??[]).slice(0,t.max_insights),i={level:"unknown",reason:"Loading…"};return B`
      <ha-card>
        <h2 class="title">${t.title??"Health"}</h2>
        ${"reconnecting"===this._status?B`<p class="banner" role="status">Reconnecting to Home Assistant…</p>`:V}
        <ul class="domains" aria-label="Health by domain">
          ${Tr.map(t=>{const e=this.health?.[t]??i;return B`<li class="domain ${t} ${e.level}" data-level=${e.level}>
              <span class="dot" aria-hidden="true">${jr[e.level]}</span>
              <span class="label">${zr[t]}<span class="sr">: ${Lr[e.level]}.</span></span>
              <span class="reason">${e.reason}</span>
            </li>`})}
        </ul>
        <h3 class="section">Insights</h3>
        ${s.length?B`<ul class="insights">
              ${s.map(t=>this.renderInsight(t))}
            </ul>`:B`<p class="empty" role="status">${this.emptyText()}</p>`}
      </ha-card>
    `}emptyText(){const t=this.result;return t&&t.insufficient.length>0&&!t.analyses.some(t=>"ok"===t.status)?"Not enough history yet for a baseline (needs 1 h)":!t||t.analyses.every(t=>"nodata"===t.status)?"Waiting for data":"No notable changes against the baseline"}renderInsight(t){const e=B`<span class="sev" aria-hidden="true"></span><span class="sentence">${t.sentence}</span>`;return B`<li class="insight ${t.severity}" data-entity=${t.entity}>
      ${this.linkable(t)?B`<button class="link" aria-label="${t.sentence}. Open ${this.nameOf(t.entity)}" @click=${()=>this.open(t)}>${e}</button>`:B`<div class="link static">${e}</div>`}
    </li>`}}Hr.properties={_revision:{state:!0},_status:{state:!0}},Hr.styles=[_t,r`
      ha-card {
        overflow: auto;
      }
      .title {
        margin: 0 0 8px;
      }
      .banner {
        margin: 0 0 8px;
        border-radius: 6px;
      }
      .domain {
        display: grid;
        grid-template-columns: 28px auto 1fr;
        align-items: center;
        gap: 4px 10px;
        padding: 6px 0;
      }
      .dot {
        width: 24px;
        height: 24px;
        border-radius: 50%;
        display: flex;
        align-items: center;
        justify-content: center;
        color: #fff;
        font-weight: 700;
        font-size: 13px;
        background: var(--disabled-text-color, #9e9e9e);
      }
      .green .dot {
        background: var(--vitals-ok);
      }
      .amber .dot {
        background: var(--vitals-warning);
      }
      .red .dot {
        background: var(--vitals-error);
      }
      .label {
        font-weight: 500;
      }
      .reason {
        font-size: 13px;
        color: var(--secondary-text-color, #727272);
        min-width: 0;
        overflow-wrap: anywhere;
      }
      @media (max-width: 420px) {
        .domain {
          grid-template-columns: 28px 1fr;
        }
        .reason {
          grid-column: 2;
        }
      }
      .link {
        display: flex;
        gap: 8px;
        align-items: flex-start;
        width: 100%;
        min-height: 40px;
        padding: 8px 4px;
        box-sizing: border-box;
        text-align: left;
        font: inherit;
        font-size: 14px;
        color: inherit;
        background: none;
        border: none;
        border-radius: 6px;
      }
      button.link {
        cursor: pointer;
      }
      button.link:hover {
        background: var(--secondary-background-color, rgba(0, 0, 0, 0.04));
      }
      .sev {
        flex: 0 0 4px;
        align-self: stretch;
        border-radius: 2px;
        background: var(--vitals-info);
      }
      .warning .sev {
        background: var(--vitals-warning);
      }
      .critical .sev {
        background: var(--vitals-error);
      }
      .sentence {
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .empty {
        margin: 4px 0;
        font-size: 14px;
        color: var(--secondary-text-color, #727272);
      }
      @media (prefers-reduced-motion: no-preference) {
        button.link {
          transition: background-color 0.15s;
        }
      }
    `];const Br=[[ai,ii],[Li,Di],[sn,en],[Gn,Jn],[hr,or],[Sr,kr],[{type:Ar,name:"Vitals overview",description:"Health at a glance: AI, System and Experience, with the top insights as sentences with numbers.",preview:!0,documentationURL:"https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards-alerts-overview.md#vitals-overview-card"},Hr]];for(const[t,e]of Br)customElements.get(t.type)||customElements.define(t.type,e),window.customCards=window.customCards??[],window.customCards.some(e=>e.type===t.type)||window.customCards.push(t);export{V as A,er as B,Ii as H,Gs as M,Xn as P,Bi as R,Hi as S,Sn as U,Rr as V,kn as a,B as b,Kn as c,ht as d,r as i,Vt as p};
