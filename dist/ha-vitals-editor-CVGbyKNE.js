import{i as t,d as e,b as s}from"./ha-vitals.js";function n(t){const e={};for(const[s,n]of Object.entries(t))void 0!==n&&""!==n&&null!==n&&(e[s]=n);return e}function i(t,e,s){!function(t){return void 0===t||""===t||null===t||Array.isArray(t)&&0===t.length}(s)?t[e]=s:delete t[e]}function o(t,e,s){const n={...t};for(const t of s)i(n,t,e[t]);return n}function r(t){return Array.isArray(t)?t:null==t||""===t?[]:[t]}function a(t){return"string"==typeof t?t:t.entity}function c(t,e,s){return(Array.isArray(t)?t.filter(t=>"string"==typeof t&&""!==t):[]).map(t=>e.find(e=>s(e)===t)??t)}class f extends e{constructor(){super(...arguments),this.helpers={},this.defaults={},this.computeLabel=t=>this.labels[t.name]??t.name,this.computeHelper=t=>this.helpers[t.name]}setConfig(t){this._config=t}get config(){return this._config}render(){return this._config?s`
      <ha-form
        .hass=${this.hass}
        .data=${this.toFormData(this._config)}
        .schema=${this.schema}
        .computeLabel=${this.computeLabel}
        .computeHelper=${this.computeHelper}
        @value-changed=${this.onValueChanged}
      >
        <p class="fallback">The visual editor needs Home Assistant's form elements; edit the card in the code editor.</p>
      </ha-form>
    `:s``}onValueChanged(t){if(t.stopPropagation(),!this._config)return;const e=function(t,e,s){const n={...t};for(const[t,i]of Object.entries(s))!(t in e)&&t in n&&JSON.stringify(n[t])===JSON.stringify(i)&&delete n[t];return n}(this.fromFormData(t.detail.value,this._config),this._config,this.defaults);this._config=e,function(t,e){t.dispatchEvent(new CustomEvent("config-changed",{detail:{config:e},bubbles:!0,composed:!0}))}(this,e)}}f.properties={hass:{attribute:!1},_config:{state:!0}},f.styles=t`:host{display:block}.fallback{color:var(--secondary-text-color,#727272);margin:8px 0}`;export{f as V,r as a,n as c,a as e,c as p,i as s,o as w};
